package io.meridian.routing;

import java.util.random.RandomGenerator;

/**
 * Performance: the routable endpoint with the lowest estimated latency from the client's
 * location ({@link LatencyEstimator}); ties by priority; endpoints without a location rank
 * last. Scope: the GeoIP network that located the client; the source prefix when the client
 * could not be located (the answer still depends on where the client is).
 *
 * <pre>
 * client location        | routable endpoints   | answer                                | scope
 * -----------------------+----------------------+---------------------------------------+------------------
 * any                    | none                 | nothing (NODATA)                      | 0
 * any                    | one                  | that one                              | 0
 * measured (see Nearest) | several              | lowest measured RTT, ties: priority   | see Nearest
 * point known            | several              | lowest estimated RTT, ties: priority  | GeoIP network
 * unknown (or no point)  | several              | lowest priority                       | source prefix
 * any                    | all degraded         | as above over every enabled, failOpen | as above
 * </pre>
 */
final class PerformanceMethod implements RoutingMethod {
    private final CompiledProfile profile;
    private final Nearest nearest;
    private final Decision fixed;

    PerformanceMethod(CompiledProfile profile, Nearest nearest) {
        this.profile = profile;
        this.nearest = nearest;
        int[] routable = profile.routable();
        this.fixed = routable.length == 0 ? profile.none()
                : routable.length == 1 ? profile.fixedAnswer(routable[0], profile.describeMethod()
                        + ": answered " + profile.endpoint(routable[0]).name() + ", the only routable endpoint")
                : null;
    }

    @Override
    public Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        GeoLocation location = profile.locator().locate(client.address()).orElse(null);
        int scope = location == null ? profile.locator().unlocatedPrefix(client.address(), client.sourcePrefix())
                : location.networkPrefix();
        String why = explain ? profile.describeMethod() + ": " + Nearest.describe(client, location) + "; " : null;
        return nearest.answer(client, location, -1, 0, scope, random, explain, why);
    }

    @Override
    public Decision fixed() {
        return fixed;
    }
}
