package io.meridian.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Health by quorum across vantage points (SPEC section 8): each director's view of an endpoint
 * is a vote; a vote counts while it is fresh, and only online or degraded votes are opinions
 * (a director still {@code checking} has none). Pure.
 *
 * <pre>
 * | rule     | fresh opinions                         | health   |
 * |----------|----------------------------------------|----------|
 * | any      | 0                                      | CHECKING |
 * | any      | at least one online                    | ONLINE   |
 * | any      | all degraded                           | DEGRADED |
 * | majority | 0                                      | CHECKING |
 * | majority | 1                                      | its vote |
 * | majority | 2 or more, degraded > half of them     | DEGRADED |
 * | majority | 2 or more, degraded <= half of them    | ONLINE   |
 * </pre>
 * So under {@code majority} one director's view alone never degrades an endpoint while two or
 * more views are fresh (with two, both must say degraded), and a director cut off from every
 * other decides from its own probes once their views have expired.
 */
public final class Quorum {
    private Quorum() {
    }

    /** How fresh votes are combined. */
    public enum Rule { MAJORITY, ANY }

    /**
     * One director's view of one endpoint.
     *
     * @param age how long ago that director said so (its own view: zero)
     */
    public record Vote(String node, HealthStatus status, Duration age) {
        public Vote {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(age, "age");
            if (status == HealthStatus.DISABLED) {
                throw new IllegalArgumentException("status: DISABLED (expected: a probed status)");
            }
        }

        /** Whether the vote still counts: younger than {@code horizon}. */
        public boolean freshFor(Duration horizon) {
            return age.compareTo(horizon) < 0;
        }
    }

    /** The combined health and the counts it came from, for explanations. */
    public record Verdict(HealthStatus status, int opinions, int degraded) {
    }

    /** @param freshFor how long a vote counts (three probe intervals) */
    public static Verdict combine(Rule rule, List<Vote> votes, Duration freshFor) {
        int opinions = 0;
        int degraded = 0;
        HealthStatus only = HealthStatus.CHECKING;
        for (Vote v : votes) {
            if (!v.freshFor(freshFor) || v.status() == HealthStatus.CHECKING) {
                continue;
            }
            opinions++;
            only = v.status();
            if (v.status() == HealthStatus.DEGRADED) {
                degraded++;
            }
        }
        if (opinions == 0) {
            return new Verdict(HealthStatus.CHECKING, 0, 0);
        }
        HealthStatus status = switch (rule) {
            case ANY -> degraded == opinions ? HealthStatus.DEGRADED : HealthStatus.ONLINE;
            case MAJORITY -> opinions == 1 ? only
                    : 2 * degraded > opinions ? HealthStatus.DEGRADED : HealthStatus.ONLINE;
        };
        return new Verdict(status, opinions, degraded);
    }
}
