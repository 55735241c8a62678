package io.meridian.probes;

import io.meridian.routing.HealthStatus;
import java.time.Instant;
import java.util.Objects;

/** A probe's status changed; delivered to {@link HealthMonitor} listeners. */
public record HealthTransition(ProbeTarget target, Instant time, HealthStatus from, HealthStatus to, String reason) {
    public HealthTransition {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (from == to) {
            throw new IllegalArgumentException("to: " + to + " (expected: different from " + from + ")");
        }
    }
}
