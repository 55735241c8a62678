package io.meridian.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How hard the monitor is working, published once a second (see docs/probing.md, "Overload").
 *
 * @param overloaded        true while the monitor cannot keep its schedule and stretches it
 * @param since             when the current overload started; null when not overloaded
 * @param stretch           factor applied to every interval and retry interval (1 = as configured)
 * @param loopDelay         the longest the monitor's event loop ran late in the last second
 * @param demandPerSecond   probes per second the config asks for (each probe once per interval, no retries)
 * @param achievedPerSecond probes completed in the last second
 * @param capacityPerSecond probes per second the monitor's event loop sustains (see {@link #measured})
 * @param measured          true when {@code capacityPerSecond} is measured from this process's own probing;
 *                          false while it is the benchmark baseline ({@link ProbeCapacity#baseline})
 * @param excusedTimeouts   timeouts not held against a gateway because the director itself stalled
 */
public record ProbeLoad(boolean overloaded, Instant since, double stretch, Duration loopDelay, double demandPerSecond,
                        double achievedPerSecond, double capacityPerSecond, boolean measured, long excusedTimeouts) {
    /** The most any interval is stretched: the detection bound widens at most this much. */
    public static final double MAX_STRETCH = OverloadGovernor.MAX_STRETCH;
    /** A probe that starts later than this after it was due is late; so is an event loop this late. */
    public static final Duration LAG_LIMIT = OverloadGovernor.LAG_LIMIT;

    public ProbeLoad {
        Objects.requireNonNull(loopDelay, "loopDelay");
        if (stretch < 1) {
            throw new IllegalArgumentException("stretch: " + stretch + " (expected: >= 1)");
        }
    }

    static ProbeLoad idle(double capacityPerSecond) {
        return new ProbeLoad(false, null, 1, Duration.ZERO, 0, 0, capacityPerSecond, false, 0);
    }

    /** The share of the capacity the config uses: 0.5 = half; above 1 the schedule cannot be kept. */
    public double usage() {
        return capacityPerSecond <= 0 ? 0 : demandPerSecond / capacityPerSecond;
    }
}
