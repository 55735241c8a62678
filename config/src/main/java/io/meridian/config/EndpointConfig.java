package io.meridian.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint of a profile: a leaf with a {@link #target()}, or a nested profile
 * ({@link #profile()} names another profile of the file). Exactly one of the two is present.
 *
 * @param minChildEndpoints nested only (1 for leaves): healthy child endpoints needed to count as healthy
 * @param probeAddress      where probes go instead of {@code target:port}
 * @param region            the endpoint's region, for region-wide operator actions: {@code region:}, else
 *                          the region of {@code location: {region: ...}}; empty for none (and for nested profiles)
 * @param priority          lower wins; defaults to the endpoint's 1-based position in the list
 * @param monitors          its monitors: the profile's monitor with this endpoint's {@code monitor:}
 *                          overrides merged in, one per item when {@code monitor:} is a list
 * @param healthyWhen       how many monitors must pass for the endpoint to be healthy
 * @param beaconUrl         the URL {@code /rum.js} times for this endpoint's region instead of the default
 *                          (its target with the monitor path over HTTPS); empty for the default
 */
public record EndpointConfig(
        String name,
        Optional<EndpointTarget> target,
        Optional<String> profile,
        int minChildEndpoints,
        Optional<IpPort> probeAddress,
        Optional<String> region,
        Optional<Location> location,
        int priority,
        int weight,
        List<String> geo,
        List<CidrBlock> subnets,
        boolean enabled,
        boolean alwaysServe,
        List<MonitorConfig> monitors,
        HealthyWhen healthyWhen,
        Optional<String> beaconUrl) {

    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        if (target.isPresent() == profile.isPresent()) {
            throw new IllegalArgumentException(name + ": exactly one of target and profile must be set");
        }
        Objects.requireNonNull(probeAddress, "probeAddress");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(location, "location");
        monitors = List.copyOf(monitors);
        if (monitors.isEmpty()) {
            throw new IllegalArgumentException(name + ": monitors: [] (expected: at least one)");
        }
        Objects.requireNonNull(healthyWhen, "healthyWhen");
        Objects.requireNonNull(beaconUrl, "beaconUrl");
        if (weight < 1 || weight > 1000) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 1..1000)");
        }
        if (priority < 1) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: >= 1)");
        }
        geo = List.copyOf(geo);
        subnets = List.copyOf(subnets);
    }

    public boolean isNested() {
        return profile.isPresent();
    }

    /** The first (or only) monitor. */
    public MonitorConfig monitor() {
        return monitors.get(0);
    }
}
