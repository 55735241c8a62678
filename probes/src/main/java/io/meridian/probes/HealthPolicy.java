package io.meridian.probes;

/**
 * Thresholds of the health state machine.
 *
 * @param toleratedFailures consecutive failures an online endpoint survives; the next one degrades it
 * @param recoverAfter      consecutive successes that bring a degraded endpoint back online
 */
public record HealthPolicy(int toleratedFailures, int recoverAfter) {
    public HealthPolicy {
        if (toleratedFailures < 0 || toleratedFailures > 9) {
            throw new IllegalArgumentException("toleratedFailures: " + toleratedFailures + " (expected: 0..9)");
        }
        if (recoverAfter < 1 || recoverAfter > 100) {
            throw new IllegalArgumentException("recoverAfter: " + recoverAfter + " (expected: 1..100)");
        }
    }
}
