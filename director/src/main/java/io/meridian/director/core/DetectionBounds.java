package io.meridian.director.core;

import io.meridian.director.state.Monitors;
import io.meridian.probes.DetectionBound;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AdminView;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worst-case detection time the API reports per profile: the largest {@link DetectionBound}
 * over the endpoints that are watched (enabled, probed), and, through enabled nested endpoints,
 * over their child profiles; for an endpoint with several monitors, the largest over them. In
 * a cluster, health is agreed by quorum: the directors' probes are not in phase, so a majority
 * has seen a failure at most one probe interval after the first director, and its views need
 * {@link #PROPAGATION} to arrive. Pure.
 */
final class DetectionBounds {
    /** Allowance for a view to travel between directors: a loopback or LAN hop is milliseconds. */
    static final Duration PROPAGATION = Duration.ofSeconds(1);

    private DetectionBounds() {
    }

    static Map<String, Duration> of(List<ProfileDefinition> profiles, Map<EndpointId, Monitors> probes,
                                    AdminView admin, boolean clustered) {
        Map<String, ProfileDefinition> byName = new HashMap<>();
        Map<String, Duration> own = new HashMap<>();
        for (ProfileDefinition p : profiles) {
            byName.put(p.name(), p);
            Duration worst = Duration.ZERO;
            for (Endpoint e : p.endpoints()) {
                EndpointId id = new EndpointId(p.name(), e.name());
                Monitors monitors = probes.get(id);
                if (monitors != null && admin.enabled(id, e.enabled())) {
                    for (ProbeTarget target : monitors.targets()) { // any one of them may be what degrades it
                        Duration bound = DetectionBound.worstCase(target.settings());
                        if (clustered) {
                            bound = bound.plus(target.settings().interval()).plus(PROPAGATION);
                        }
                        worst = max(worst, bound);
                    }
                }
            }
            own.put(p.name(), worst);
        }
        Map<String, Duration> bounds = new LinkedHashMap<>();
        for (ProfileDefinition p : profiles) {
            Duration worst = Duration.ZERO;
            for (String reached : reachable(byName, p.name(), admin)) {
                worst = max(worst, own.getOrDefault(reached, Duration.ZERO));
            }
            bounds.put(p.name(), worst);
        }
        return bounds;
    }

    /** {@code name} and every profile nested under it through enabled, watched nested endpoints. */
    private static Set<String> reachable(Map<String, ProfileDefinition> byName, String name, AdminView admin) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(name));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            ProfileDefinition p = byName.get(next);
            if (p == null || !seen.add(next)) {
                continue; // cycles are rejected by the config module; stay finite anyway
            }
            for (Endpoint e : p.endpoints()) {
                if (e.isNested() && !e.alwaysServe() && admin.enabled(new EndpointId(next, e.name()), e.enabled())) {
                    todo.add(e.childProfile());
                }
            }
        }
        return seen;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
