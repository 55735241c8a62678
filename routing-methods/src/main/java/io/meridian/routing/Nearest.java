package io.meridian.routing;

import java.util.random.RandomGenerator;

/**
 * "Answer as performance": the routable endpoint with the lowest estimated latency from the
 * client's location, ties by priority; without a client point, the first in priority order.
 * Shared by the performance method and the {@code nearest} fallback of geographic and subnet.
 */
final class Nearest {
    private final CompiledProfile profile;
    private final LatencyEstimator.Bound latency;

    Nearest(CompiledProfile profile, LatencyEstimator estimator) {
        this.profile = profile;
        this.latency = estimator.bind(profile.endpoints());
    }

    /**
     * @param location the client's location, or null when unknown
     * @param skip     an endpoint index not to answer (the unusable match), or -1
     * @param scope    the scope decided so far
     * @param why      what led here (only when explaining)
     */
    Decision answer(ClientContext client, GeoLocation location, int skip, int scope,
                    RandomGenerator random, boolean explain, String why) {
        GeoPoint point = location == null ? null : location.point();
        int chosen = point == null ? firstRoutable(skip) : latency.fastest(point, profile.routable(), skip);
        if (chosen < 0) {
            return profile.empty(scope, client, explain, explain ? why + "no other routable endpoint" : null);
        }
        String text = null;
        if (explain) {
            Endpoint e = profile.endpoint(chosen);
            text = point == null
                    ? why + "client location unknown, answered " + e.name() + " by priority (" + e.priority() + ")"
                    : why + "answered " + e.name() + ", nearest of " + candidates(skip) + " routable: ~"
                            + Math.round(latency.millis(point, chosen)) + " ms estimated RTT";
        }
        return profile.answer(chosen, scope, client, random, explain, text);
    }

    /** How the client was located, for explanations. */
    static String describe(ClientContext client, GeoLocation location) {
        String who = client.address().getHostAddress() + "/" + client.sourcePrefix() + (client.fromEcs() ? " (ECS)" : "");
        if (location == null) {
            return "client " + who + " not in the GeoIP database";
        }
        StringBuilder b = new StringBuilder("client ").append(who).append(" located in ");
        b.append(location.subdivision() != null ? location.subdivision()
                : location.country() != null ? location.country() : String.valueOf(location.continent()));
        if (location.point() != null) {
            b.append(" (").append(Math.round(location.point().lat() * 100) / 100.0).append(", ")
                    .append(Math.round(location.point().lon() * 100) / 100.0).append(')');
        }
        return b.append(" via /").append(location.networkPrefix()).toString();
    }

    private int firstRoutable(int skip) {
        for (int index : profile.routable()) {
            if (index != skip) {
                return index;
            }
        }
        return -1;
    }

    private int candidates(int skip) {
        int n = 0;
        for (int index : profile.routable()) {
            if (index != skip) {
                n++;
            }
        }
        return n;
    }
}
