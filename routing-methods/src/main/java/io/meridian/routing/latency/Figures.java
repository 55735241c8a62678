package io.meridian.routing.latency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the table knows for one network or area at one instant: a read-only view over its
 * packed estimates. A figure is usable when it has at least {@code minSamples} samples and its
 * last sample is within {@code freshFor}.
 */
public final class Figures {
    private final LatencyTable table;
    private final long[] slots;
    private final long nowSeconds;

    Figures(LatencyTable table, long[] slots, long nowSeconds) {
        this.table = table;
        this.slots = slots;
        this.nowSeconds = nowSeconds;
    }

    /** The estimated RTT in ms to region {@code regionId} when usable, else NaN. Allocation-free. */
    public double usableMillis(int regionId) {
        int i = Slots.indexOf(slots, regionId);
        return i >= 0 && usable(i) ? Math.exp(Slots.logMean(slots, i)) : Double.NaN;
    }

    /** Every region with an estimate, usable or not, in the order they were first measured. */
    public List<Estimate> estimates() {
        List<Estimate> all = new ArrayList<>();
        for (int i = 0, n = Slots.size(slots); i < n; i++) {
            all.add(new Estimate(table.regionName(Slots.region(slots, i)), Math.exp(Slots.logMean(slots, i)),
                    Slots.count(slots, i), Slots.weight(slots, i),
                    Duration.ofSeconds(Math.max(0, nowSeconds - Slots.lastSeconds(slots, i))), usable(i)));
        }
        return all;
    }

    private boolean usable(int i) {
        LatencyPolicy policy = table.policy();
        return Slots.count(slots, i) >= policy.minSamples()
                && nowSeconds - Slots.lastSeconds(slots, i) <= policy.freshFor().toSeconds();
    }

    /**
     * One region's estimate.
     *
     * @param millis  the decayed geometric mean of the samples (exp of the mean of ln(rtt))
     * @param samples samples taken in (saturates at 65535)
     * @param weight  the decayed weight behind the mean, in samples
     * @param age     since the last sample
     * @param usable  whether routing may use it (enough samples, fresh)
     */
    public record Estimate(String region, double millis, int samples, double weight, Duration age, boolean usable) {
    }
}
