package io.meridian.director.core;

import io.meridian.director.cluster.ClusterNode;
import io.meridian.director.state.EndpointVote;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes this director's own view (its probes' verdict on every endpoint, not the agreed one)
 * to the cluster: when a verdict changes, and every probe interval, so that other directors'
 * copies stay fresh (a view counts for three intervals). On the controller's context.
 */
final class Views {
    private static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    private static final Duration MAX_PERIOD = Duration.ofSeconds(10);

    private final ClusterNode cluster;
    private Map<EndpointId, EndpointVote> sent = Map.of();

    Views(ClusterNode cluster) {
        this.cluster = cluster;
    }

    /** @param always publish even if nothing changed (the periodic refresh) */
    void publish(Snapshot snapshot, boolean always) {
        Map<EndpointId, EndpointVote> votes = votes(snapshot);
        if (always || !statuses(votes).equals(statuses(sent))) {
            sent = votes;
            cluster.publishView(snapshot.configVersion().stamp(), votes);
        }
    }

    /** Every probe interval, within 1..10 s: the shortest interval of the config's probes. */
    Duration period(Snapshot snapshot) {
        Duration shortest = MAX_PERIOD;
        for (ProbeTarget target : snapshot.users().keySet()) {
            Duration interval = target.settings().interval();
            shortest = interval.compareTo(shortest) < 0 ? interval : shortest;
        }
        return shortest.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : shortest;
    }

    static Map<EndpointId, EndpointVote> votes(Snapshot snapshot) {
        Map<EndpointId, EndpointVote> votes = new HashMap<>();
        for (EndpointId id : snapshot.probes().keySet()) {
            Optional<ProbeHealth> health = snapshot.healthOf(id);
            HealthStatus status = snapshot.localStatus(id);
            Double latency = health.map(ProbeHealth::smoothedLatency).map(d -> d.toNanos() / 1e6).orElse(null);
            votes.put(id, new EndpointVote(status, latency));
        }
        return votes;
    }

    /** Latency moves with every probe: a change worth publishing at once is a status change. */
    private static Map<EndpointId, HealthStatus> statuses(Map<EndpointId, EndpointVote> votes) {
        Map<EndpointId, HealthStatus> statuses = new HashMap<>();
        votes.forEach((id, vote) -> statuses.put(id, vote.status()));
        return statuses;
    }
}
