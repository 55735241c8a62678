package io.meridian.routing;

import java.util.Objects;

/** Identifies an endpoint within its profile; the key of all health state. */
public record EndpointId(String profile, String endpoint) {
    public EndpointId {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String toString() {
        return profile + "/" + endpoint;
    }
}
