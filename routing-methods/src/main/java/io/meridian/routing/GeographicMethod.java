package io.meridian.routing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Geographic: the endpoint mapped to the most specific code that matches the client:
 * subdivision ({@code US-WA}) > country ({@code US}) > group ({@code GEO-NA}, see
 * {@link GeoGroups}) > {@code WORLD}. Scope: the GeoIP network that located the client; the
 * database's empty network around the client when it could not be located (the source prefix
 * without a database).
 *
 * <pre>
 * matched endpoint            | fallback | answer
 * ----------------------------+----------+------------------------------------------------------
 * routable                    | any      | the matched endpoint
 * not routable (degraded      | nearest  | as performance among the other routable endpoints
 *   while others are healthy, | none     | nothing (NODATA)
 *   or disabled)              |          |
 * no code matches (or client  | nearest  | as performance among the routable endpoints
 *   not located, no WORLD)    | none     | nothing (NODATA)
 * no routable endpoint        | any      | nothing, scope 0
 * one routable endpoint       | nearest  | that one, scope 0 (every path leads to it)
 * </pre>
 */
final class GeographicMethod implements RoutingMethod {
    static final String WORLD = "WORLD";

    private final CompiledProfile profile;
    private final Nearest nearest;
    private final Map<String, Integer> byCode;
    private final Decision fixed;

    GeographicMethod(CompiledProfile profile, Nearest nearest) {
        this.profile = profile;
        this.nearest = nearest;
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < profile.endpoints().size(); i++) {
            for (String code : profile.endpoint(i).geo()) {
                Integer previous = codes.put(code.toUpperCase(Locale.ROOT), i);
                if (previous != null) {
                    throw new IllegalArgumentException(profile.name() + ": geo code " + code + " is mapped to both "
                            + profile.endpoint(previous).name() + " and " + profile.endpoint(i).name());
                }
            }
        }
        this.byCode = Map.copyOf(codes);
        this.fixed = profile.clientIndependentAnswer();
    }

    @Override
    public Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        GeoLocation location = profile.locator().locate(client.address()).orElse(null);
        int scope = location == null ? profile.locator().unlocatedPrefix(client.address(), client.sourcePrefix())
                : location.networkPrefix();
        String code = location == null ? null : firstMatch(location);
        if (code == null && byCode.containsKey(WORLD)) {
            code = WORLD;
        }
        int matched = code == null ? -1 : byCode.get(code);
        String why = explain ? profile.describeMethod() + ": " + Nearest.describe(client, location) + "; " : null;
        if (matched >= 0 && profile.isRoutable(matched)) {
            return profile.answer(matched, scope, client, random, explain,
                    explain ? why + "answered " + profile.endpoint(matched).name() + ", mapped to " + code : null);
        }
        if (explain) {
            why += matched >= 0
                    ? "matched " + profile.endpoint(matched).name() + " by " + code + " but it is "
                            + profile.status(matched).label() + "; "
                    : "no geo code matches; ";
        }
        if (profile.definition().fallback() == Fallback.NONE) {
            return profile.empty(scope, client, explain, explain ? why + "fallback none: no answer" : null);
        }
        return nearest.answer(client, location, matched, scope, random, explain,
                explain ? why + "fallback nearest: " : null);
    }

    /** The most specific of the client's codes that an endpoint is mapped to, WORLD aside. */
    private String firstMatch(GeoLocation location) {
        if (location.subdivision() != null && byCode.containsKey(location.subdivision())) {
            return location.subdivision();
        }
        if (location.country() != null && byCode.containsKey(location.country())) {
            return location.country();
        }
        String group = GeoGroups.groupOf(location.country(), location.continent());
        return group != null && byCode.containsKey(group) ? group : null;
    }

    @Override
    public Decision fixed() {
        return fixed;
    }
}
