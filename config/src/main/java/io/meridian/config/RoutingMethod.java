package io.meridian.config;

/** The {@code routing:} of a profile (SPEC section 4); written in lower case in YAML. */
public enum RoutingMethod {
    PRIORITY, WEIGHTED, PERFORMANCE, GEOGRAPHIC, MULTIVALUE, SUBNET
}
