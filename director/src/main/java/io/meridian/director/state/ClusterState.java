package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.Quorum;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What this director knows of its cluster at one instant.
 *
 * @param self      this director's name
 * @param address   this director's cluster address
 * @param rule      how views are combined
 * @param size      how many directors the cluster has (the seed list with this one)
 * @param seeds     the configured cluster addresses
 * @param reachable the directors in this one's current membership, itself included
 * @param views     the latest view of each other director ever heard, fresh or not
 * @param rejected  the latest config version this director could not apply; null if none
 * @param now       the controller's time when this state was made (for view freshness)
 * @param joined    whether joining is done (with others, or alone after no seed answered)
 */
public record ClusterState(String self, String address, Quorum.Rule rule, int size, Set<String> seeds,
                           Set<String> reachable, Map<String, PeerView> views, ConfigRejection rejected, Instant now,
                           boolean joined) {
    public ClusterState {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(rule, "rule");
        seeds = Set.copyOf(seeds);
        reachable = Set.copyOf(reachable);
        views = Map.copyOf(views);
        Objects.requireNonNull(now, "now");
    }

    /** A view counts for three probe intervals (SPEC section 8). */
    public static final int FRESH_INTERVALS = 3;

    /** How long a view of an endpoint probed every {@code interval} counts. */
    public static Duration freshFor(Duration interval) {
        return interval.multipliedBy(FRESH_INTERVALS);
    }

    /**
     * The directors' votes on one endpoint: this director's own first (always fresh), then every
     * other director's latest, by name, aged by this director's clock.
     */
    public List<Quorum.Vote> votes(EndpointId id, HealthStatus own) {
        List<Quorum.Vote> votes = new ArrayList<>(views.size() + 1);
        votes.add(new Quorum.Vote(self, own, Duration.ZERO));
        views.values().stream().sorted(Comparator.comparing(PeerView::node)).forEach(view -> {
            EndpointVote vote = view.endpoints().get(id);
            if (vote != null && vote.status() != HealthStatus.DISABLED) {
                Duration age = Duration.between(view.receivedAt(), now);
                votes.add(new Quorum.Vote(view.node(), vote.status(), age.isNegative() ? Duration.ZERO : age));
            }
        });
        return votes;
    }

    /** Whether this director is with more than half of the cluster (itself counted). */
    public boolean majority() {
        return 2 * Math.max(1, reachable.size()) > size;
    }

    public ClusterState withViews(Map<String, PeerView> next) {
        return new ClusterState(self, address, rule, size, seeds, reachable, next, rejected, now, joined);
    }

    /** A membership: joining is done from the first one on. */
    public ClusterState withReachable(Set<String> next) {
        return new ClusterState(self, address, rule, size, seeds, next, views, rejected, now, true);
    }

    public ClusterState withRejected(ConfigRejection next) {
        return new ClusterState(self, address, rule, size, seeds, reachable, views, next, now, joined);
    }

    public ClusterState at(Instant next) {
        return new ClusterState(self, address, rule, size, seeds, reachable, views, rejected, next, joined);
    }
}
