package io.meridian.probes;

import java.util.Collection;

/**
 * What one monitor event loop sustains before any probing was measured: the figures of
 * {@code bench/probe-scale} on the reference machine (2 cores, gateways in their own JVM; docs/BENCHMARKS.md,
 * issue 13), rounded down. Once it probes, the monitor measures its own figure
 * ({@link ProbeLoad#capacityPerSecond()}).
 */
public final class ProbeCapacity {
    /** Probes/s with a fresh connection per probe (the default); measured ~10,000 once the JIT is warm. */
    static final double FRESH = 8_000;
    /** Probes/s reusing connections ({@code keepAlive}); measured ~10,300 once the JIT is warm. */
    static final double KEEP_ALIVE = 9_000;

    private ProbeCapacity() {
    }

    public static double baseline(MonitorOptions options) {
        return options.keepAlive() ? KEEP_ALIVE : FRESH;
    }

    /** Probes per second {@code targets} ask for: each once per interval (retries not counted). */
    public static double demandPerSecond(Collection<ProbeTarget> targets) {
        double demand = 0;
        for (ProbeTarget target : targets) {
            demand += perSecond(target);
        }
        return demand;
    }

    /** Probes per second one target asks for. */
    static double perSecond(ProbeTarget target) {
        return 1e9 / target.settings().interval().toNanos();
    }
}
