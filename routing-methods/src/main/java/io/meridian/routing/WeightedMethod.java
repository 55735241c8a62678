package io.meridian.routing;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Weighted: one routable endpoint drawn at random in proportion to its {@code weight}, by a
 * binary search of precomputed cumulative weights. Each endpoint's decision is built once per
 * table, so a draw allocates nothing (unless the drawn endpoint is a nested profile that
 * decides per client). Scope 0: the answer does not depend on the client.
 *
 * <pre>
 * routable endpoints                         | answer
 * -------------------------------------------+-----------------------------------------------
 * none (every endpoint disabled)             | nothing (NODATA)
 * one                                        | that one
 * several healthy                            | one of them, P(e) = weight(e) / sum of weights
 * none healthy, some enabled (all degraded)  | one enabled, by weight, failOpen
 * </pre>
 */
final class WeightedMethod implements RoutingMethod {
    private final CompiledProfile profile;
    private final int[] cumulative;
    private final int total;
    private final Decision[] picks;
    private final Decision fixed;

    WeightedMethod(CompiledProfile profile) {
        this.profile = profile;
        int[] routable = profile.routable();
        cumulative = new int[routable.length];
        picks = new Decision[routable.length];
        int sum = 0;
        for (int i = 0; i < routable.length; i++) {
            int weight = profile.endpoint(routable[i]).weight();
            if (weight < 1 || weight > 1000) {
                throw new IllegalArgumentException(profile.name() + "/" + profile.endpoint(routable[i]).name()
                        + ": weight: " + weight + " (expected: 1..1000)");
            }
            sum += weight;
            cumulative[i] = sum;
        }
        total = sum;
        for (int i = 0; i < routable.length; i++) {
            picks[i] = profile.fixedAnswer(routable[i], why(routable[i]));
        }
        fixed = routable.length == 0 ? profile.none() : routable.length == 1 ? picks[0] : null;
    }

    @Override
    public Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        int draw = random.nextInt(total);
        // first cumulative weight greater than the draw
        int i = Arrays.binarySearch(cumulative, draw + 1);
        if (i < 0) {
            i = -i - 1;
        }
        Decision pick = picks[i];
        if (pick != null) {
            return pick;
        }
        int index = profile.routable()[i];
        return profile.answer(index, 0, client, random, explain, explain ? why(index) : null);
    }

    @Override
    public Decision fixed() {
        return fixed;
    }

    private String why(int index) {
        Endpoint e = profile.endpoint(index);
        return profile.describeMethod() + ": drew " + e.name() + " (weight " + e.weight() + " of " + total
                + " over " + profile.routable().length + " routable)";
    }
}
