package io.meridian.routing;

import java.util.List;

/**
 * Estimates the round-trip time from a client location to each endpoint of a profile, for the
 * performance method and the {@code nearest} fallback. The default is a great-circle model
 * ({@link #greatCircle()}); measured round-trip times from probing vantage points can replace
 * it without touching the methods.
 */
@FunctionalInterface
public interface LatencyEstimator {

    /** Binds the estimator to one profile's endpoints. Called when a table is compiled, never per query. */
    Bound bind(List<Endpoint> endpoints);

    /** Estimates for a fixed endpoint list; safe from any thread. */
    interface Bound {
        /** Estimated round-trip milliseconds from {@code client} to endpoint {@code index}; +Infinity when unknown. */
        double millis(GeoPoint client, int index);

        /**
         * The candidate with the lowest estimate, the earliest one on ties (candidates come in
         * priority order, so ties go to the lower priority); -1 when there is none. Endpoints
         * with an unknown estimate rank last. Override to share per-client work across candidates.
         *
         * @param candidates endpoint indexes in priority order
         * @param skip       an index to leave out, or -1
         */
        default int fastest(GeoPoint client, int[] candidates, int skip) {
            int best = -1;
            double bestMillis = Double.POSITIVE_INFINITY;
            for (int index : candidates) {
                if (index == skip) {
                    continue;
                }
                double millis = millis(client, index);
                if (best < 0 || millis < bestMillis) {
                    best = index;
                    bestMillis = millis;
                }
            }
            return best;
        }
    }

    /**
     * Great-circle model: haversine distance on a 6371 km sphere, times a path inflation of 1.5
     * (fibre does not follow great circles), at 200 km/ms (light in fibre, about 2/3 c), doubled
     * for the round trip. About 1 ms of RTT per 67 km.
     */
    static LatencyEstimator greatCircle() {
        return greatCircle(200.0, 1.5);
    }

    /** Great-circle model with an explicit fibre speed (km/ms) and path inflation factor. */
    static LatencyEstimator greatCircle(double fibreKmPerMs, double pathInflation) {
        return endpoints -> new GreatCircleLatency(endpoints, fibreKmPerMs, pathInflation);
    }
}
