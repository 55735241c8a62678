package io.meridian.routing;

import io.meridian.routing.latency.Figures;
import io.meridian.routing.latency.NetworkKey;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * "Answer as performance": the routable endpoint with the lowest latency from the client, ties
 * by priority. Measured figures decide when {@link MeasuredLatency} has them for every
 * candidate region (the client's network, else its subdivision, else its country); otherwise
 * the estimate from the client's location; without a client point, the first in priority
 * order. Shared by the performance method and the {@code nearest} fallback of geographic and
 * subnet.
 *
 * <pre>
 * | measured figures for every candidate | client point | ranked by                 | scope (may exceed the source, ADR 13)     |
 * |--------------------------------------|--------------|---------------------------|-------------------------------------------|
 * | network                              | any          | network figures           | max(matched scope (2), 24 / 48)           |
 * | subdivision or country aggregate     | any          | aggregate figures         | method's scope (GeoIP network) (1)        |
 * | none                                 | known        | model (great circle)      | method's scope (GeoIP network) (1)        |
 * | none                                 | unknown      | priority                  | method's scope (source prefix)            |
 * </pre>
 * (1) at least 24 / 48 (capped at the source) while any network has figures: the answer then
 * also depends on this network having none. (2) geographic: the GeoIP network that matched; performance: none, the
 * network's figures alone decide. Endpoints without a region (nested profiles) rank after
 * measured ones.
 */
final class Nearest {
    private final CompiledProfile profile;
    private final LatencyEstimator.Bound latency;
    private final MeasuredLatency measured;
    /** The table's region id per endpoint, -1 for none. */
    private final int[] regionOf;
    /** Region ids of the routable endpoints, in routable order; null when none names a region. */
    private final int[] routableRegions;

    Nearest(CompiledProfile profile, LatencyEstimator estimator, MeasuredLatency measured) {
        this.profile = profile;
        this.latency = estimator.bind(profile.endpoints());
        this.measured = measured;
        this.regionOf = new int[profile.endpoints().size()];
        boolean any = false;
        for (int i = 0; i < regionOf.length; i++) {
            regionOf[i] = measured.regionOf(new EndpointId(profile.name(), profile.endpoint(i).name()));
            any |= regionOf[i] >= 0;
        }
        int[] routable = profile.routable();
        int[] regions = new int[routable.length];
        for (int i = 0; i < routable.length; i++) {
            regions[i] = regionOf[routable[i]];
        }
        this.routableRegions = any ? regions : null;
    }

    /**
     * @param location the client's location, or null when unknown
     * @param skip     an endpoint index not to answer (the unusable match), or -1
     * @param scope    the scope decided so far
     * @param why      what led here (only when explaining)
     */
    Decision answer(ClientContext client, GeoLocation location, int skip, int scope,
                    RandomGenerator random, boolean explain, String why) {
        return answer(client, location, skip, scope, scope, random, explain, why);
    }

    /**
     * @param scope      what the answer depends on whatever ranks the endpoints (a geographic match)
     * @param modelScope what it depends on when the location ranks them (the GeoIP network, or the
     *                   source prefix without one); a network's own figures need no location
     */
    Decision answer(ClientContext client, GeoLocation location, int skip, int scope, int modelScope,
                    RandomGenerator random, boolean explain, String why) {
        MeasuredLatency.Measurement m = routableRegions == null ? null
                : measured.find(client, location, candidateRegions(skip), routableRegions.length);
        if (m != null && m.source() == LatencySource.NETWORK) {
            return byMeasurement(m, client, skip, Math.max(scope, m.scopePrefix()), random, explain, why);
        }
        scope = Math.max(scope, modelScope);
        if (routableRegions != null && measured.hasNetworks()) {
            scope = Math.max(scope, Math.min(client.sourcePrefix(), NetworkKey.prefixOf(client.address())));
        }
        if (m != null) {
            return byMeasurement(m, client, skip, Math.max(scope, m.scopePrefix()), random, explain, why);
        }
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
                            + Math.round(latency.millis(point, chosen)) + " ms estimated RTT (model"
                            + (routableRegions == null ? "" : ": no usable measurements") + ")";
        }
        Decision d = profile.answer(chosen, scope, client, random, explain, text);
        return point == null ? d : d.rankedBy(LatencySource.MODEL);
    }

    private Decision byMeasurement(MeasuredLatency.Measurement m, ClientContext client, int skip, int scope,
                                   RandomGenerator random, boolean explain, String why) {
        Figures figures = m.figures();
        int chosen = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int index : profile.routable()) {
            if (index == skip || regionOf[index] < 0) {
                continue;
            }
            double millis = figures.usableMillis(regionOf[index]);
            if (chosen < 0 || millis < best) {
                chosen = index;
                best = millis;
            }
        }
        String text = null;
        if (explain) {
            StringBuilder b = new StringBuilder(why).append("answered ").append(profile.endpoint(chosen).name())
                    .append(", fastest by measured latency of ").append(m.source().label()).append(' ')
                    .append(m.key()).append(':');
            String sep = " ";
            for (int index : profile.routable()) {
                if (index != skip && regionOf[index] >= 0) {
                    b.append(sep).append(profile.endpoint(index).name()).append(' ')
                            .append(String.format(Locale.ROOT, "%.1f", figures.usableMillis(regionOf[index])))
                            .append(" ms");
                    sep = ", ";
                }
            }
            text = b.toString();
        }
        return profile.answer(chosen, scope, client, random, explain, text).rankedBy(m.source());
    }

    /** The routable endpoints' regions, the skipped one as "no region". */
    private int[] candidateRegions(int skip) {
        if (skip < 0 || !profile.isRoutable(skip)) {
            return routableRegions;
        }
        int[] regions = routableRegions.clone();
        int[] routable = profile.routable();
        for (int i = 0; i < routable.length; i++) {
            if (routable[i] == skip) {
                regions[i] = -1;
            }
        }
        return regions;
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
