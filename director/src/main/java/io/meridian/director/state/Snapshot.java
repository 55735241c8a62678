package io.meridian.director.state;

import io.meridian.config.MeridianConfig;
import io.meridian.dns.DnsSnapshot;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.RoutingTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the front ends read, as one immutable value published by the controller: DNS
 * answers, redirects, the API and the metrics each read it once per request, so one response
 * never mixes two configs, two operator states or two health views.
 *
 * @param node          this director's name
 * @param configVersion the config served
 * @param config        the config served, parsed (HTTP settings, profile definitions)
 * @param operator      the operator overrides in force (removals and lapsed ones included)
 * @param serial        the zones' SOA serial: rises with every config or operator change
 * @param table         the routing table: config, overrides and health compiled together
 * @param dns           zones, the table and the response cache, for the DNS path
 * @param redirectHosts lower-case HTTP Host -> profile name
 * @param detection     per profile: worst-case detection time over its watched endpoints
 * @param probes        each probed endpoint's monitors
 * @param users         each probe's endpoints (several when profiles share a gateway)
 * @param regions       the regions the config's endpoints name
 * @param alerted       the endpoints a firing alert degrades -> that alert's name
 * @param health        the probes' health, as the monitor last published it
 * @param seeds         a probe a reload changed -> the probe whose health it continues until it has its own
 * @param cluster       the other directors' views and the membership; null when running alone
 * @param ready         latched once every probe had a first result
 */
public record Snapshot(
        String node,
        ConfigVersion configVersion,
        MeridianConfig config,
        OperatorState operator,
        long serial,
        RoutingTable table,
        DnsSnapshot dns,
        Map<String, String> redirectHosts,
        Map<String, Duration> detection,
        Map<EndpointId, Monitors> probes,
        Map<ProbeTarget, List<EndpointId>> users,
        Regions regions,
        Map<EndpointId, String> alerted,
        Map<ProbeTarget, ProbeHealth> health,
        Map<ProbeTarget, ProbeTarget> seeds,
        ClusterState cluster,
        boolean ready) {

    public Snapshot {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(configVersion, "configVersion");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(dns, "dns");
        redirectHosts = Map.copyOf(redirectHosts);
        detection = Map.copyOf(detection);
        probes = Map.copyOf(probes);
        users = Map.copyOf(users);
        Objects.requireNonNull(regions, "regions");
        alerted = Map.copyOf(alerted);
        health = Map.copyOf(health);
        seeds = Map.copyOf(seeds);
    }

    /**
     * The health of the endpoint's first (or only) monitor; empty when it is not probed
     * (config-disabled, alwaysServe, nested) or has no result yet.
     */
    public Optional<ProbeHealth> healthOf(EndpointId id) {
        Monitors monitors = probes.get(id);
        return monitors == null ? Optional.empty() : Optional.ofNullable(probeHealth(monitors.first()));
    }

    /**
     * This director's own verdict on a probed endpoint: its monitors combined by healthyWhen,
     * before the cluster's quorum and alerts; CHECKING when not probed.
     */
    public HealthStatus localStatus(EndpointId id) {
        Monitors monitors = probes.get(id);
        return monitors == null ? HealthStatus.CHECKING : monitors.status(this::probeHealth);
    }

    /** A probe's health, or that of its seed while it has none of its own yet. */
    public ProbeHealth probeHealth(ProbeTarget target) {
        ProbeHealth own = health.get(target);
        if (own != null) {
            return own;
        }
        ProbeTarget seed = seeds.get(target);
        return seed == null ? null : health.get(seed);
    }

    /** The endpoints that share {@code target}; empty for a probe no endpoint uses any more. */
    public List<EndpointId> usersOf(ProbeTarget target) {
        return users.getOrDefault(target, List.of());
    }

    /** The snapshot with newer probe details (counters, latency, last probe) and the same statuses. */
    public Snapshot withHealth(Map<ProbeTarget, ProbeHealth> next, Map<ProbeTarget, ProbeTarget> nextSeeds,
                               ClusterState nextCluster, boolean nowReady) {
        return new Snapshot(node, configVersion, config, operator, serial, table, dns, redirectHosts, detection,
                probes, users, regions, alerted, next, nextSeeds, nextCluster, nowReady);
    }

    /** Whether this director runs in a cluster. */
    public boolean clustered() {
        return cluster != null;
    }
}
