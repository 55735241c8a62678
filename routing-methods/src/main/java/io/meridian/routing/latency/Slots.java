package io.meridian.routing.latency;

import java.util.Arrays;

/**
 * One network's (or area's) estimates packed in a {@code long[]}, two longs per region, so a
 * million networks cost one small array each rather than an object per region:
 * <pre>
 * long 0: region id (16 bits) | sample count, saturating (16) | last sample, epoch seconds (32)
 * long 1: mean of ln(rtt ms), float bits (32)                  | weight, float bits (32)
 * </pre>
 * Arrays are never changed once published: an update returns a new one (readers on other
 * threads see one consistent array or the next).
 */
final class Slots {
    static final int MAX_REGIONS = 0xFFFF;
    private static final int MAX_COUNT = 0xFFFF;
    private static final double LN2 = Math.log(2);

    /** The result of one update: the new array, and whether the sample was clipped. */
    record Update(long[] slots, boolean clipped) {
    }

    private Slots() {
    }

    static int size(long[] s) {
        return s.length / 2;
    }

    static int region(long[] s, int i) {
        return (int) (s[2 * i] >>> 48);
    }

    static int count(long[] s, int i) {
        return (int) (s[2 * i] >>> 32) & 0xFFFF;
    }

    static long lastSeconds(long[] s, int i) {
        return s[2 * i] & 0xFFFF_FFFFL;
    }

    static double logMean(long[] s, int i) {
        return Float.intBitsToFloat((int) (s[2 * i + 1] >>> 32));
    }

    static double weight(long[] s, int i) {
        return Float.intBitsToFloat((int) s[2 * i + 1]);
    }

    static int indexOf(long[] s, int region) {
        for (int i = 0, n = size(s); i < n; i++) {
            if (region(s, i) == region) {
                return i;
            }
        }
        return -1;
    }

    /** The most recent sample of any region, epoch seconds. */
    static long newest(long[] s) {
        long newest = 0;
        for (int i = 0, n = size(s); i < n; i++) {
            newest = Math.max(newest, lastSeconds(s, i));
        }
        return newest;
    }

    /**
     * Folds one sample in: the old weight decays by 2^(-age/halfLife) (capped at maxWeight), a
     * sample is clipped to within clipFactor of an estimate that is already in use, and the new
     * mean of ln(rtt) is the weighted average. A sample older than the estimate counts as
     * taken at the estimate's time (peers' clocks differ a little).
     *
     * @param s null for a network or area without estimates yet
     */
    static Update with(long[] s, int region, double rttMs, long nowSeconds, LatencyPolicy policy) {
        double y = Math.log(rttMs);
        int i = s == null ? -1 : indexOf(s, region);
        long[] next;
        if (i < 0) {
            int n = s == null ? 0 : size(s);
            next = s == null ? new long[2] : Arrays.copyOf(s, 2 * n + 2);
            write(next, n, region, 1, nowSeconds, y, 1);
            return new Update(next, false);
        }
        int count = count(s, i);
        double mean = logMean(s, i);
        long last = lastSeconds(s, i);
        long at = Math.max(nowSeconds, last);
        double age = at - last;
        double weight = Math.min(policy.maxWeight(), weight(s, i) * Math.exp(-LN2 * age / policy.halfLife().toSeconds()));
        boolean clipped = false;
        if (count >= policy.minSamples()) {
            double band = Math.log(policy.clipFactor());
            double bounded = Math.max(mean - band, Math.min(mean + band, y));
            clipped = bounded != y;
            y = bounded;
        }
        double nextWeight = Math.min(policy.maxWeight(), weight + 1);
        double nextMean = (mean * weight + y) / (weight + 1);
        next = s.clone();
        write(next, i, region, Math.min(MAX_COUNT, count + 1), at, nextMean, nextWeight);
        return new Update(next, clipped);
    }

    /** A packed slot; for restoring and merging. */
    static void write(long[] s, int i, int region, int count, long lastSeconds, double logMean, double weight) {
        s[2 * i] = (long) region << 48 | (long) count << 32 | (lastSeconds & 0xFFFF_FFFFL);
        s[2 * i + 1] = (long) Float.floatToRawIntBits((float) logMean) << 32
                | (Float.floatToRawIntBits((float) weight) & 0xFFFF_FFFFL);
    }
}
