package io.meridian.routing;

import java.util.List;
import java.util.Objects;

/**
 * One endpoint of a profile, as the routing methods need it. Either a leaf with a
 * {@link #target()} or a nested profile ({@link #childProfile()} non-null, target null).
 *
 * @param location          where the endpoint is (null: unknown, ranked last by performance)
 * @param geo               geographic codes: ISO country, {@code US-WA} subdivision, {@code GEO-xx}, {@code WORLD}
 * @param enabled           false = administratively disabled, never answered
 * @param alwaysServe       never probed, always treated as online
 * @param minChildEndpoints for a nested profile: healthy children needed to count as healthy
 */
public record Endpoint(
        String name,
        Target target,
        GeoPoint location,
        int priority,
        int weight,
        List<String> geo,
        List<Cidr> subnets,
        boolean enabled,
        boolean alwaysServe,
        String childProfile,
        int minChildEndpoints) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        if ((target == null) == (childProfile == null)) {
            throw new IllegalArgumentException(name + ": exactly one of target and childProfile must be set");
        }
        geo = List.copyOf(geo);
        subnets = List.copyOf(subnets);
    }

    public boolean isNested() {
        return childProfile != null;
    }
}
