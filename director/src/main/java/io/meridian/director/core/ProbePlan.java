package io.meridian.director.core;

import io.meridian.director.state.Monitors;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AdminView;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which endpoints are probed, and what a changed probe continues from. Pure. */
final class ProbePlan {
    private ProbePlan() {
    }

    /**
     * The probed endpoints: every leaf that is not alwaysServe and is enabled in the config or
     * by an operator. An endpoint an operator disabled keeps its probes, so its real health stays
     * known and re-enabling it does not route to a gateway that is still broken.
     */
    static Map<EndpointId, Monitors> probed(Deployment deployment, AdminView admin) {
        Map<EndpointId, Monitors> probed = new LinkedHashMap<>();
        for (ProfileDefinition p : deployment.profiles()) {
            for (Endpoint e : p.endpoints()) {
                EndpointId id = new EndpointId(p.name(), e.name());
                Monitors monitors = deployment.probes().get(id);
                if (monitors != null && (e.enabled() || admin.enabled(id, false))) {
                    probed.put(id, monitors);
                }
            }
        }
        return probed;
    }

    /** Each probe's endpoints, in config order (an endpoint is listed once per monitor it has there). */
    static Map<ProbeTarget, List<EndpointId>> users(Map<EndpointId, Monitors> probed) {
        Map<ProbeTarget, List<EndpointId>> users = new HashMap<>();
        probed.forEach((id, monitors) -> {
            for (ProbeTarget target : monitors.targets()) {
                List<EndpointId> ids = users.computeIfAbsent(target, t -> new ArrayList<>());
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        });
        users.replaceAll((target, ids) -> List.copyOf(ids));
        return users;
    }

    /**
     * For each monitor whose probe changed (a reload edited it), new probe -> old one (the
     * monitor at the same position of the same endpoint), so the endpoint keeps its health
     * instead of starting over at CHECKING (routable).
     */
    static Map<ProbeTarget, ProbeTarget> seeds(Map<EndpointId, Monitors> before, Map<EndpointId, Monitors> after) {
        Map<ProbeTarget, ProbeTarget> seeds = new HashMap<>();
        Set<ProbeTarget> running = new HashSet<>();
        before.values().forEach(m -> running.addAll(m.targets()));
        after.forEach((id, monitors) -> {
            Monitors old = before.get(id);
            if (old == null) {
                return;
            }
            for (int i = 0; i < Math.min(old.targets().size(), monitors.targets().size()); i++) {
                ProbeTarget was = old.targets().get(i);
                ProbeTarget now = monitors.targets().get(i);
                if (!was.equals(now) && !running.contains(now)) {
                    seeds.putIfAbsent(now, was);
                }
            }
        });
        return seeds;
    }
}
