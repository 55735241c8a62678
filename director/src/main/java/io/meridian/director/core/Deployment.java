package io.meridian.director.core;

import io.meridian.config.MeridianConfig;
import io.meridian.director.state.Monitors;
import io.meridian.director.state.Regions;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One valid config mapped to what each part of the service consumes, before any operator
 * override: those are layered on top by {@link SnapshotBuilder}. Immutable; built once per
 * config by {@link DeploymentMapper}.
 *
 * @param profiles      routing definitions, {@code enabled} as configured
 * @param probes        the monitors of every leaf endpoint that is not alwaysServe (they run
 *                      while the endpoint is enabled in the config or by an operator)
 * @param redirectHosts lower-case HTTP Host -> profile name
 * @param endpoints     every endpoint of every profile, in config order
 * @param regions       the regions the endpoints name
 */
record Deployment(
        MeridianConfig config,
        List<ProfileDefinition> profiles,
        Map<EndpointId, Monitors> probes,
        Map<String, String> redirectHosts,
        Map<String, List<String>> endpoints,
        Regions regions) {

    Deployment {
        profiles = List.copyOf(profiles);
        probes = Map.copyOf(probes);
        redirectHosts = Map.copyOf(redirectHosts);
        endpoints = Map.copyOf(endpoints);
        Objects.requireNonNull(regions, "regions");
    }
}
