package io.meridian.routing.latency;

import java.time.Duration;
import java.util.Objects;

/**
 * How the latency table weighs and forgets samples.
 *
 * @param minSamples  samples a network (or area) needs for a region before its figure is used
 * @param halfLife    after this long without samples an estimate's weight halves
 * @param freshFor    an estimate whose last sample is older than this is not used (nor shown as usable)
 * @param maxNetworks hard cap on client networks; past it the least recently updated one is evicted
 * @param clipFactor  once an estimate is in use, a sample is clipped to within this factor of it
 *                    (a 5 s outlier moves a 40 ms estimate as much as a 120 ms sample at factor 3)
 * @param maxWeight   an estimate never weighs more than this many samples, so a changed route shows
 *                    within a few dozen samples even on a busy network
 */
public record LatencyPolicy(int minSamples, Duration halfLife, Duration freshFor, int maxNetworks,
                            double clipFactor, double maxWeight) {
    public static final LatencyPolicy DEFAULTS =
            new LatencyPolicy(5, Duration.ofHours(1), Duration.ofHours(6), 1_000_000, 3.0, 100);

    public LatencyPolicy {
        if (minSamples < 1 || minSamples > 1000) {
            throw new IllegalArgumentException("minSamples: " + minSamples + " (expected: 1..1000)");
        }
        Objects.requireNonNull(halfLife, "halfLife");
        Objects.requireNonNull(freshFor, "freshFor");
        if (halfLife.toSeconds() < 1) {
            throw new IllegalArgumentException("halfLife: " + halfLife + " (expected: at least 1s)");
        }
        if (freshFor.toSeconds() < 1) {
            throw new IllegalArgumentException("freshFor: " + freshFor + " (expected: at least 1s)");
        }
        if (maxNetworks < 1) {
            throw new IllegalArgumentException("maxNetworks: " + maxNetworks + " (expected: >= 1)");
        }
        if (!(clipFactor > 1)) {
            throw new IllegalArgumentException("clipFactor: " + clipFactor + " (expected: > 1)");
        }
        if (!(maxWeight >= minSamples)) {
            throw new IllegalArgumentException("maxWeight: " + maxWeight + " (expected: >= minSamples " + minSamples + ")");
        }
    }

    public LatencyPolicy withLimits(int minSamples, Duration halfLife, Duration freshFor, int maxNetworks) {
        return new LatencyPolicy(minSamples, halfLife, freshFor, maxNetworks, clipFactor, Math.max(maxWeight, minSamples));
    }
}
