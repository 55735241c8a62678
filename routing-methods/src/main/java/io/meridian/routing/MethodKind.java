package io.meridian.routing;

/** The six routing methods of SPEC section 4. */
public enum MethodKind {
    PRIORITY, WEIGHTED, PERFORMANCE, GEOGRAPHIC, MULTIVALUE, SUBNET
}
