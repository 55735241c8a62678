package io.meridian.routing;

import java.util.Map;

/** A read-only view of every endpoint's health at one instant. */
@FunctionalInterface
public interface HealthView {
    /** Status of the endpoint; {@link HealthStatus#CHECKING} for one never seen. */
    HealthStatus statusOf(EndpointId id);

    static HealthView of(Map<EndpointId, HealthStatus> statuses) {
        Map<EndpointId, HealthStatus> copy = Map.copyOf(statuses);
        return id -> copy.getOrDefault(id, HealthStatus.CHECKING);
    }
}
