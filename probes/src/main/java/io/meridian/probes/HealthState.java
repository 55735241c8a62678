package io.meridian.probes;

import io.meridian.routing.HealthStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * Health of one probed endpoint, advanced by {@link #next} as a pure function of the previous state, a
 * probe outcome, the time and the policy. {@code t} = toleratedFailures, {@code r} = recoverAfter;
 * {@code f} and {@code s} are the consecutive failures and successes after counting the outcome (an
 * outcome resets the opposite counter to 0).
 *
 * <pre>
 * | status   | outcome | condition  | next status | change    |
 * |----------|---------|------------|-------------|-----------|
 * | CHECKING | success |            | ONLINE      | CHANGED   |  first result decides at once
 * | CHECKING | failure |            | DEGRADED    | CHANGED   |  first result decides at once
 * | ONLINE   | success |            | ONLINE      | UNCHANGED |
 * | ONLINE   | failure | f &lt;= t     | ONLINE      | PENDING   |  tolerated
 * | ONLINE   | failure | f = t + 1  | DEGRADED    | CHANGED   |
 * | DEGRADED | failure |            | DEGRADED    | UNCHANGED |
 * | DEGRADED | success | s &lt; r      | DEGRADED    | PENDING   |  recovering
 * | DEGRADED | success | s = r      | ONLINE      | CHANGED   |
 * </pre>
 *
 * {@code DISABLED} is never a probed state: the director does not probe disabled endpoints.
 *
 * @param since when the status last changed (or tracking began)
 */
public record HealthState(HealthStatus status, int consecutiveFailures, int consecutiveSuccesses, Instant since) {

    /** What one outcome did to the state. */
    public enum Change { CHANGED, PENDING, UNCHANGED }

    /** The state after an outcome, what changed, and why (the transition's reason). */
    public record Next(HealthState state, Change change, String reason) {
        public Next {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public HealthState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        if (status == HealthStatus.DISABLED) {
            throw new IllegalArgumentException("status: DISABLED (expected: CHECKING, ONLINE or DEGRADED;"
                    + " disabled endpoints are not probed)");
        }
        if (consecutiveFailures < 0 || consecutiveSuccesses < 0
                || (consecutiveFailures > 0 && consecutiveSuccesses > 0)) {
            throw new IllegalArgumentException("consecutiveFailures: " + consecutiveFailures
                    + ", consecutiveSuccesses: " + consecutiveSuccesses + " (expected: >= 0, at most one > 0)");
        }
    }

    public static HealthState initial(Instant now) {
        return new HealthState(HealthStatus.CHECKING, 0, 0, now);
    }

    public Next next(ProbeOutcome outcome, Instant now, HealthPolicy policy) {
        boolean success = outcome.success();
        // Saturate: the counters only need to reach the thresholds, and a years-long outage must not overflow.
        int f = success ? 0 : Math.min(consecutiveFailures + 1, 1_000_000);
        int s = success ? Math.min(consecutiveSuccesses + 1, 1_000_000) : 0;
        String cause = success ? "" : ": " + outcome.failure() + ": " + outcome.error();
        switch (status) {
            case CHECKING:
                return success ? changed(HealthStatus.ONLINE, f, s, now, "first probe succeeded")
                        : changed(HealthStatus.DEGRADED, f, s, now, "first probe failed" + cause);
            case ONLINE:
                if (success) {
                    return same(Change.UNCHANGED, f, s, "probe succeeded");
                }
                if (f <= policy.toleratedFailures()) {
                    return same(Change.PENDING, f, s,
                            f + " of " + (policy.toleratedFailures() + 1) + " failures to degrade" + cause);
                }
                return changed(HealthStatus.DEGRADED, f, s, now, f + " consecutive failures (tolerated "
                        + policy.toleratedFailures() + ")" + cause);
            case DEGRADED:
                if (!success) {
                    return same(Change.UNCHANGED, f, s, "probe failed" + cause);
                }
                if (s < policy.recoverAfter()) {
                    return same(Change.PENDING, f, s, s + " of " + policy.recoverAfter() + " successes to recover");
                }
                return changed(HealthStatus.ONLINE, f, s, now, s + " consecutive successes (recoverAfter "
                        + policy.recoverAfter() + ")");
            default:
                throw new IllegalStateException("status: " + status);
        }
    }

    private Next same(Change change, int f, int s, String reason) {
        return new Next(new HealthState(status, f, s, since), change, reason);
    }

    private static Next changed(HealthStatus to, int f, int s, Instant now, String reason) {
        return new Next(new HealthState(to, f, s, now), Change.CHANGED, reason);
    }
}
