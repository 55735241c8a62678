package io.meridian.director.core;

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
     * by an operator. An endpoint an operator disabled keeps its probe, so its real health stays
     * known and re-enabling it does not route to a gateway that is still broken.
     */
    static Map<EndpointId, ProbeTarget> probed(Deployment deployment, AdminView admin) {
        Map<EndpointId, ProbeTarget> probed = new LinkedHashMap<>();
        for (ProfileDefinition p : deployment.profiles()) {
            for (Endpoint e : p.endpoints()) {
                EndpointId id = new EndpointId(p.name(), e.name());
                ProbeTarget target = deployment.probes().get(id);
                if (target != null && (e.enabled() || admin.enabled(id, false))) {
                    probed.put(id, target);
                }
            }
        }
        return probed;
    }

    /** Each probe's endpoints, in config order. */
    static Map<ProbeTarget, List<EndpointId>> users(Map<EndpointId, ProbeTarget> probed) {
        Map<ProbeTarget, List<EndpointId>> users = new HashMap<>();
        probed.forEach((id, target) -> users.computeIfAbsent(target, t -> new ArrayList<>()).add(id));
        users.replaceAll((target, ids) -> List.copyOf(ids));
        return users;
    }

    /**
     * For each endpoint whose probe changed (a reload edited its monitor), new probe -> old one,
     * so the endpoint keeps its health instead of starting over at CHECKING (routable).
     */
    static Map<ProbeTarget, ProbeTarget> seeds(Map<EndpointId, ProbeTarget> before, Map<EndpointId, ProbeTarget> after) {
        Map<ProbeTarget, ProbeTarget> seeds = new HashMap<>();
        Set<ProbeTarget> running = new HashSet<>(before.values());
        after.forEach((id, target) -> {
            ProbeTarget old = before.get(id);
            if (old != null && !old.equals(target) && !running.contains(target)) {
                seeds.putIfAbsent(target, old);
            }
        });
        return seeds;
    }
}
