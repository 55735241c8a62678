package io.meridian.director.core;

import io.meridian.director.state.ClusterState;
import io.meridian.director.state.Monitors;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.Regions;
import io.meridian.director.state.Snapshot;
import io.meridian.director.state.Stamp;
import io.meridian.dns.DnsSnapshot;
import io.meridian.dns.Zone;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AdminView;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.HealthView;
import io.meridian.routing.LatencyEstimator;
import io.meridian.routing.MeasuredLatency;
import io.meridian.routing.Quorum;
import io.meridian.routing.RoutingTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one function that turns the controller's inputs into the snapshot every front end
 * reads: {@link #build}. Pure; {@code previous} only lets it reuse what did not change.
 *
 * <p>What is rebuilt when:
 * <pre>
 * | changed                         | routing table | zone index, response cache | serial |
 * |---------------------------------|---------------|----------------------------|--------|
 * | config                          | rebuilt       | rebuilt                    | rises  |
 * | operator state                  | rebuilt       | rebuilt (the serial is in every SOA) | rises |
 * | a probe's status                | rebuilt       | kept                       | same   |
 * | only probe counters and latency | kept          | kept                       | same   |
 * </pre>
 */
final class SnapshotBuilder {
    private SnapshotBuilder() {
    }

    static Snapshot build(ControllerInputs in, Snapshot previous) {
        return build(in, previous, regions -> MeasuredLatency.none());
    }

    /** @param latency measured latency for the config's regions (the table is read per query, not copied here) */
    static Snapshot build(ControllerInputs in, Snapshot previous, Function<Regions, MeasuredLatency> latency) {
        AdminView admin = in.admin();
        Map<EndpointId, Monitors> probes = ProbePlan.probed(in.deployment(), admin);
        // ready once every probe has a first result and, in a cluster, joining is done (the answers agree)
        boolean ready = (previous != null && previous.ready())
                || (allProbed(probes, in.health()) && (in.cluster() == null || in.cluster().joined()));
        Map<EndpointId, String> alerted = previous != null && previous.operator() == in.operator()
                && previous.config() == in.config().config() ? previous.alerted() : alerted(in);
        HealthView health = healthView(probes, alerted, in);
        if (previous != null && previous.configVersion() == in.version() && previous.config() == in.config().config()
                && previous.operator() == in.operator() && sameStatuses(previous, probes, health)) {
            return previous.withHealth(in.health(), in.seeds(), in.cluster(), ready);
        }
        long serial = Stamp.max(in.version().stamp(), in.operator().version()).seconds();
        RoutingTable table = RoutingTable.compile(in.deployment().profiles(), health, admin,
                in.config().locator(), LatencyEstimator.greatCircle(), latency.apply(in.deployment().regions()));
        List<Zone> zones = DeploymentMapper.zones(in.config().config(), serial);
        DnsSnapshot dns = previous != null && previous.dns().zones().equals(zones)
                ? previous.dns().withTable(table) : DnsSnapshot.of(zones, table);
        return new Snapshot(in.node(), in.version(), in.config().config(), in.operator(), serial, table, dns,
                in.deployment().redirectHosts(),
                DetectionBounds.of(in.deployment().profiles(), probes, admin, in.cluster() != null),
                probes, ProbePlan.users(probes), in.deployment().regions(), alerted, in.health(), in.seeds(),
                in.cluster(), ready);
    }

    /** The endpoints firing alerts degrade (an endpoint's own, or its region's) -> the alert's name. */
    private static Map<EndpointId, String> alerted(ControllerInputs in) {
        Map<EndpointId, String> alerted = new HashMap<>();
        in.operator().alerts().forEach((alert, o) -> {
            List<EndpointId> ids = alert.scope() instanceof OverrideKey.Region r
                    ? in.deployment().regions().endpointsOf(r.name())
                    : List.of(((OverrideKey.Endpoint) alert.scope()).id());
            ids.forEach(id -> alerted.merge(id, o.reason(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
        });
        return alerted;
    }

    /**
     * An endpoint's health: alone, its monitors' statuses (each its probe's, or its seed's until
     * the probe has its own) combined by healthyWhen; in a cluster, that is this director's vote,
     * combined with the other directors' fresh views by the cluster's quorum rule. A firing alert
     * degrades it whatever the rest says.
     */
    private static HealthView healthView(Map<EndpointId, Monitors> probes, Map<EndpointId, String> alerted,
                                         ControllerInputs in) {
        ClusterState cluster = in.cluster();
        return id -> {
            if (alerted.containsKey(id)) {
                return HealthStatus.DEGRADED;
            }
            Monitors monitors = probes.get(id);
            HealthStatus own = monitors == null ? HealthStatus.CHECKING : monitors.status(t -> probeHealth(t, in));
            if (cluster == null || monitors == null) {
                return own;
            }
            return Quorum.combine(cluster.rule(), cluster.votes(id, own),
                    ClusterState.freshFor(monitors.interval())).status();
        };
    }

    private static ProbeHealth probeHealth(ProbeTarget target, ControllerInputs in) {
        ProbeHealth own = in.health().get(target);
        if (own != null) {
            return own;
        }
        ProbeTarget seed = in.seeds().get(target);
        return seed == null ? null : in.health().get(seed);
    }

    /** Whether no endpoint's health changed for the table (probe counters, latency or views may have). */
    private static boolean sameStatuses(Snapshot previous, Map<EndpointId, Monitors> probes, HealthView health) {
        if (!previous.probes().equals(probes)) {
            return false;
        }
        for (EndpointId id : probes.keySet()) {
            if (previous.table().healthOf(id) != health.statusOf(id)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allProbed(Map<EndpointId, Monitors> probes, Map<ProbeTarget, ProbeHealth> health) {
        for (Monitors monitors : probes.values()) {
            for (ProbeTarget target : monitors.targets()) {
                ProbeHealth h = health.get(target);
                if (h == null || h.lastOutcome() == null) {
                    return false;
                }
            }
        }
        return true;
    }
}
