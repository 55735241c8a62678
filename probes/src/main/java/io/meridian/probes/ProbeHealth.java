package io.meridian.probes;

import io.meridian.routing.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the monitor knows about one probe at one instant; an element of
 * {@link HealthMonitor#snapshot()}. Every endpoint that shares the probe shares this health.
 *
 * @param state            status, consecutive counts and since when
 * @param lastOutcome      the latest probe outcome; {@code null} before the first
 * @param lastFailure      the latest failed outcome (kept after recovery); {@code null} if none yet
 * @param smoothedLatency  EWMA of successful probes' latency; {@code null} before the first success
 * @param probes           probes completed since the probe was added
 * @param failures         failed probes since the probe was added
 * @param transitions      status changes since the probe was added
 */
public record ProbeHealth(ProbeTarget target, HealthState state, ProbeOutcome lastOutcome, ProbeOutcome lastFailure,
                             Duration smoothedLatency, long probes, long failures, long transitions) {
    /** Weight of the newest sample in {@link #smoothedLatency}. */
    static final double EWMA_ALPHA = 0.3;

    public ProbeHealth {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
    }

    static ProbeHealth initial(ProbeTarget target, HealthState state) {
        return new ProbeHealth(target, state, null, null, null, 0, 0, 0);
    }

    /** The same health for a changed probe of the same endpoint (a reload edited its settings). */
    ProbeHealth carriedTo(ProbeTarget next) {
        return new ProbeHealth(next, state, lastOutcome, lastFailure, smoothedLatency, probes, failures, transitions);
    }

    public HealthStatus status() {
        return state.status();
    }

    /** Start time of the latest probe, or null. */
    public Instant lastProbeTime() {
        return lastOutcome == null ? null : lastOutcome.time();
    }

    /** Error text of the latest failure, or null. */
    public String lastError() {
        return lastFailure == null ? null : lastFailure.failure() + ": " + lastFailure.error();
    }

    ProbeHealth record(HealthState.Next next, ProbeOutcome outcome) {
        boolean success = outcome.success();
        Duration latency = smoothedLatency;
        if (success) {
            latency = latency == null ? outcome.latency()
                    : Duration.ofNanos(Math.round(EWMA_ALPHA * outcome.latency().toNanos()
                            + (1 - EWMA_ALPHA) * latency.toNanos()));
        }
        return new ProbeHealth(target, next.state(), outcome, success ? lastFailure : outcome, latency,
                probes + 1, failures + (success ? 0 : 1),
                transitions + (next.change() == HealthState.Change.CHANGED ? 1 : 0));
    }
}
