package io.meridian.director.state;

import io.meridian.routing.HealthStatus;
import java.util.Objects;

/**
 * One director's own verdict on one endpoint, from its own probes.
 *
 * @param latencyMs its smoothed probe latency, null before a success
 */
public record EndpointVote(HealthStatus status, Double latencyMs) {
    public EndpointVote {
        Objects.requireNonNull(status, "status");
    }
}
