package io.meridian.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Subnet: the endpoint whose {@code subnets} hold the client address, longest prefix first
 * ({@link PrefixTable}); for an ECS client only subnets no longer than its source prefix can
 * match. Scope: the matched entry's scope (its length, or longer when more specific entries lie
 * inside it); on a miss, the longest length in the table; with a {@code nearest} fallback, also
 * at least the GeoIP network. The location is looked up only when falling back to nearest.
 *
 * <pre>
 * longest match               | fallback | answer
 * ----------------------------+----------+---------------------------------------------------
 * routable                    | any      | the matched endpoint
 * not routable, or no match   | nearest  | as performance among the other routable endpoints
 *                             | none     | nothing (NODATA)
 * no routable endpoint        | any      | nothing, scope 0
 * one routable endpoint       | nearest  | that one, scope 0
 * </pre>
 */
final class SubnetMethod implements RoutingMethod {
    private final CompiledProfile profile;
    private final Nearest nearest;
    private final PrefixTable table;
    private final Decision fixed;

    SubnetMethod(CompiledProfile profile, Nearest nearest) {
        this.profile = profile;
        this.nearest = nearest;
        List<List<Cidr>> subnets = new ArrayList<>();
        for (Endpoint e : profile.endpoints()) {
            subnets.add(e.subnets());
        }
        this.table = PrefixTable.build(subnets);
        this.fixed = profile.clientIndependentAnswer();
    }

    @Override
    public Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        PrefixTable.Match match = table.lookup(client.address(), client.sourcePrefix());
        // a subnet scope is a bound over the table (entries inside the match, the longest entry for a
        // miss), not the client's network: claiming more than the source would mislead for most clients
        int source = client.sourcePrefix();
        String who = explain ? client.address().getHostAddress() + "/" + client.sourcePrefix() : null;
        if (match != null && profile.isRoutable(match.endpoint())) {
            return profile.answer(match.endpoint(), Math.min(match.scope(), source), client, random, explain, explain
                    ? profile.describeMethod() + ": client " + who + " in " + match.cidr() + ", answered "
                            + profile.endpoint(match.endpoint()).name()
                    : null);
        }
        int scope = Math.min(match != null ? match.scope() : table.missScope(client.address()), source);
        int skip = match != null ? match.endpoint() : -1;
        String why = null;
        if (explain) {
            why = profile.describeMethod() + ": client " + who + (match != null
                    ? " in " + match.cidr() + " of " + profile.endpoint(skip).name() + " but it is "
                            + profile.status(skip).label() + "; "
                    : " in no subnet; ");
        }
        if (profile.definition().fallback() == Fallback.NONE) {
            return profile.empty(scope, client, explain, explain ? why + "fallback none: no answer" : null);
        }
        GeoLocation location = profile.locator().locate(client.address()).orElse(null);
        scope = Math.max(scope, location == null ? client.sourcePrefix() : location.networkPrefix());
        return nearest.answer(client, location, skip, scope, random, explain, explain
                ? why + "fallback nearest, " + Nearest.describe(client, location) + ": " : null);
    }

    @Override
    public Decision fixed() {
        return fixed;
    }
}
