package io.meridian.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one probe.
 *
 * @param time       when the probe started
 * @param latency    from start until the outcome was decided (at most about the timeout)
 * @param failure    why it failed; {@code null} when it succeeded
 * @param statusCode the HTTP status, or 0 when there was none (TCP, or no response)
 * @param error      human-readable cause; {@code null} when it succeeded
 */
public record ProbeOutcome(Instant time, Duration latency, FailureKind failure, int statusCode, String error) {
    public ProbeOutcome {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency: " + latency + " (expected: >= 0)");
        }
        if ((failure == null) != (error == null)) {
            throw new IllegalArgumentException("failure: " + failure + ", error: " + error
                    + " (expected: both set for a failure, both null for a success)");
        }
        if (statusCode != 0 && (statusCode < 100 || statusCode > 999)) {
            throw new IllegalArgumentException("statusCode: " + statusCode + " (expected: 0 or 100..999)");
        }
    }

    public static ProbeOutcome succeeded(Instant time, Duration latency, int statusCode) {
        return new ProbeOutcome(time, latency, null, statusCode, null);
    }

    public static ProbeOutcome failed(Instant time, Duration latency, FailureKind failure, int statusCode,
                                      String error) {
        return new ProbeOutcome(time, latency, failure, statusCode, error);
    }

    public boolean success() {
        return failure == null;
    }

    /** "success" or the failure kind's label; the {@code outcome} tag of probe metrics. */
    public String label() {
        return failure == null ? "success" : failure.label();
    }

    @Override
    public String toString() {
        return success() ? "success " + statusCode + " in " + latency.toMillis() + "ms"
                : failure + ": " + error + " after " + latency.toMillis() + "ms";
    }
}
