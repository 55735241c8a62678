package io.meridian.director.latency;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per source network: each may post {@code perMinute} requests a minute, in
 * bursts of up to as many. One thread only (the latency writer's). The map is bounded: past
 * {@link #MAX_SOURCES} sources the full buckets (idle sources) are dropped, and if none is
 * full, all are, which at worst grants a burst once.
 */
final class SourceLimiter {
    static final int MAX_SOURCES = 200_000;

    private final Map<Long, double[]> buckets = new HashMap<>();
    private final double perMinute;

    SourceLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one token for {@code source}; false when its bucket is empty. */
    boolean tryAcquire(long source, Instant now) {
        long nowMillis = now.toEpochMilli();
        double[] b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= MAX_SOURCES) {
                prune(nowMillis);
            }
            b = new double[] {perMinute, nowMillis}; // tokens, last refill (epoch ms: exact in a double)
            buckets.put(source, b);
        }
        b[0] = refilled(b, nowMillis);
        b[1] = nowMillis;
        if (b[0] < 1 - 1e-9) { // refills add up in floating point: a full token may be 0.9999999
            return false;
        }
        b[0] -= 1;
        return true;
    }

    /** Seconds until {@code source} may post again (for Retry-After). */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60 / perMinute));
    }

    int sources() {
        return buckets.size();
    }

    private double refilled(double[] b, long nowMillis) {
        return Math.min(perMinute, b[0] + Math.max(0, nowMillis - (long) b[1]) * perMinute / 60_000.0);
    }

    private void prune(long nowMillis) {
        buckets.values().removeIf(b -> refilled(b, nowMillis) >= perMinute);
        if (buckets.size() >= MAX_SOURCES) {
            buckets.clear();
        }
    }
}
