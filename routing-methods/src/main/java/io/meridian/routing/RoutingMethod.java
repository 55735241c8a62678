package io.meridian.routing;

import java.util.random.RandomGenerator;

/**
 * One routing method bound to one compiled profile. Implementations read only immutable
 * state of the profile; {@code explain} asks for a full explanation (the resolve API) instead
 * of the profile's precomputed summary (the DNS hot path, which must not format strings).
 */
interface RoutingMethod {

    Decision decide(ClientContext client, RandomGenerator random, boolean explain);

    /**
     * The decision when it is the same for every client and every draw (computed once, when the
     * table is compiled, and answered without allocating); null when it is not.
     */
    Decision fixed();

    static RoutingMethod of(CompiledProfile profile, LatencyEstimator estimator, MeasuredLatency measured) {
        return switch (profile.definition().method()) {
            case PRIORITY -> new PriorityMethod(profile);
            case WEIGHTED -> new WeightedMethod(profile);
            case PERFORMANCE -> new PerformanceMethod(profile, new Nearest(profile, estimator, measured));
            case GEOGRAPHIC -> new GeographicMethod(profile, new Nearest(profile, estimator, measured));
            case MULTIVALUE -> new MultivalueMethod(profile);
            case SUBNET -> new SubnetMethod(profile, new Nearest(profile, estimator, measured));
        };
    }
}
