package io.meridian.director.core;

import io.meridian.config.MeridianConfig;
import io.meridian.dns.Zone;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One valid config (with the operator overrides in force) mapped to what each part of the
 * service consumes. Immutable; built by {@link DeploymentMapper}.
 *
 * @param profiles      routing definitions, overrides applied to {@code enabled}
 * @param probeTargets  what to probe: enabled, not alwaysServe, leaf endpoints
 * @param zones         authoritative zones
 * @param redirectHosts lower-case HTTP Host -> profile name
 * @param endpoints     every endpoint of every profile, in config order
 * @param detection     per profile: worst-case detection time over its probed endpoints
 */
public record Deployment(
        MeridianConfig config,
        List<ProfileDefinition> profiles,
        List<ProbeTarget> probeTargets,
        List<Zone> zones,
        Map<String, String> redirectHosts,
        Map<String, List<String>> endpoints,
        Map<String, Duration> detection) {

    public Deployment {
        profiles = List.copyOf(profiles);
        probeTargets = List.copyOf(probeTargets);
        zones = List.copyOf(zones);
        redirectHosts = Map.copyOf(redirectHosts);
        endpoints = Map.copyOf(endpoints);
        detection = Map.copyOf(detection);
    }

    /** Endpoints that are probed, so that readiness can wait for each to have a result. */
    public Set<EndpointId> probed() {
        return probeTargets.stream().map(ProbeTarget::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
