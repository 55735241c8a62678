package io.meridian.probes;

import java.util.Collection;

/**
 * What one monitor event loop sustains before any probing was measured: the figures of
 * {@code bench/probe-scale} on the reference machine (2 cores, gateways in their own JVM; docs/BENCHMARKS.md,
 * issue 13), rounded down. Once it probes, the monitor measures its own figure
 * ({@link ProbeLoad#capacityPerSecond()}).
 */
public final class ProbeCapacity {
    /** Probes/s with a fresh connection per probe (the default). */
    static final double FRESH = 4_000;
    /** Probes/s reusing connections ({@code keepAlive}). */
    static final double KEEP_ALIVE = 8_000;

    private ProbeCapacity() {
    }

    public static double baseline(MonitorOptions options) {
        return options.keepAlive() ? KEEP_ALIVE : FRESH;
    }

    /** Probes per second {@code targets} ask for: each once per interval (retries not counted). */
    public static double demandPerSecond(Collection<ProbeTarget> targets) {
        double demand = 0;
        for (ProbeTarget target : targets) {
            demand += 1e9 / target.settings().interval().toNanos();
        }
        return demand;
    }
}
