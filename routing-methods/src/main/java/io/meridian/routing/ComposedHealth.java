package io.meridian.routing;

import java.util.List;

/**
 * An endpoint's health from several monitors, each with its own state machine, combined by the
 * endpoint's {@code healthyWhen} (SPEC section 7): at least {@code required} of them must pass.
 * Pure.
 *
 * <pre>
 * | monitors online          | monitors degraded                     | health   |
 * |--------------------------|---------------------------------------|----------|
 * | at least required        | any                                   | ONLINE   |
 * | fewer than required      | so many that required cannot be met   | DEGRADED |
 * | fewer than required      | otherwise (some still checking)       | CHECKING |
 * </pre>
 * So with {@code all} one degraded monitor degrades the endpoint, with {@code any} it takes all
 * of them, and an endpoint whose monitors have not all reported stays checking (routable).
 */
public final class ComposedHealth {
    private ComposedHealth() {
    }

    /** @param required how many monitors must pass, 1..statuses.size() */
    public static HealthStatus of(List<HealthStatus> statuses, int required) {
        if (required < 1 || required > statuses.size()) {
            throw new IllegalArgumentException("required: " + required + " (expected: 1.." + statuses.size() + ")");
        }
        if (statuses.size() == 1) {
            return statuses.get(0);
        }
        int online = 0;
        int degraded = 0;
        for (HealthStatus s : statuses) {
            if (s == HealthStatus.ONLINE) {
                online++;
            } else if (s == HealthStatus.DEGRADED) {
                degraded++;
            }
        }
        if (online >= required) {
            return HealthStatus.ONLINE;
        }
        return statuses.size() - degraded < required ? HealthStatus.DEGRADED : HealthStatus.CHECKING;
    }
}
