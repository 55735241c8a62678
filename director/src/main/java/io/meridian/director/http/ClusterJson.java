package io.meridian.director.http;

import io.meridian.director.state.ClusterState;
import io.meridian.director.state.EndpointVote;
import io.meridian.director.state.PeerView;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.Quorum;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** {@code GET /api/v1/cluster} and the per-director views of an endpoint (see docs/api.md), from one snapshot. */
final class ClusterJson {
    private ClusterJson() {
    }

    static JsonObject cluster(Snapshot snapshot) {
        ClusterState c = snapshot.cluster();
        JsonObject json = new JsonObject()
                .put("node", snapshot.node())
                .put("clustered", c != null)
                .put("majority", c == null || c.majority())
                .put("configVersion", snapshot.configVersion().stamp().toString());
        if (c == null) {
            return json.put("members", new JsonArray().add(member(snapshot.node(), "", true, true, null,
                    snapshot.configVersion().stamp().toString())));
        }
        json.put("quorum", c.rule().name().toLowerCase(Locale.ROOT)).put("size", c.size());
        JsonArray members = new JsonArray().add(member(c.self(), c.address(), true, true, null,
                snapshot.configVersion().stamp().toString()));
        Set<String> addresses = new HashSet<>(Set.of(c.address()));
        c.views().values().stream().sorted((a, b) -> a.node().compareTo(b.node())).forEach(v -> {
            addresses.add(v.address());
            members.add(member(v.node(), v.address(), false, c.reachable().contains(v.node()), v,
                    v.configVersion().toString()));
        });
        c.reachable().stream().filter(name -> !name.equals(c.self()) && !c.views().containsKey(name)).sorted()
                .forEach(name -> members.add(member(name, null, false, true, null, null)));
        c.seeds().stream().filter(a -> !addresses.contains(a)).sorted()
                .forEach(a -> members.add(member(null, a, false, false, null, null)));
        json.put("members", members);
        json.put("configRejected", c.rejected() == null ? null : new JsonObject()
                .put("version", c.rejected().version().toString())
                .put("origin", c.rejected().origin())
                .put("problems", new JsonArray(c.rejected().problems())));
        return json;
    }

    private static JsonObject member(String name, String address, boolean self, boolean reachable, PeerView view,
                                     String configVersion) {
        return new JsonObject()
                .put("name", name)
                .put("address", address)
                .put("self", self)
                .put("reachable", reachable)
                .put("lastHeard", view == null ? null : view.receivedAt().toString())
                .put("configVersion", configVersion);
    }

    /** Each director's view of one endpoint, this one's first: what the quorum was made of. */
    static JsonArray views(Snapshot snapshot, EndpointId id, Duration interval) {
        ClusterState c = snapshot.cluster();
        JsonArray views = new JsonArray();
        if (c == null) {
            return views;
        }
        HealthStatus own = snapshot.healthOf(id).map(h -> h.status()).orElse(HealthStatus.CHECKING);
        Duration horizon = ClusterState.freshFor(interval);
        for (Quorum.Vote vote : c.votes(id, own)) {
            PeerView view = c.views().get(vote.node());
            EndpointVote peer = view == null ? null : view.endpoints().get(id);
            views.add(new JsonObject().put("node", vote.node()).put("status", vote.status().label())
                    .put("latencyMs", peer == null ? ownLatency(snapshot, id) : peer.latencyMs())
                    .put("ageSeconds", vote.age().toMillis() / 1000.0)
                    .put("fresh", vote.freshFor(horizon)));
        }
        return views;
    }

    private static Double ownLatency(Snapshot snapshot, EndpointId id) {
        return snapshot.healthOf(id).map(h -> h.smoothedLatency()).map(d -> d.toNanos() / 1e6).orElse(null);
    }

    /** One line for an explanation: "votes (majority): westus2 online, eastasia degraded, westeurope online (stale)". */
    static String votes(Snapshot snapshot, EndpointId id, Duration interval) {
        ClusterState c = snapshot.cluster();
        StringBuilder s = new StringBuilder(id.endpoint()).append(" votes (")
                .append(c.rule() == Quorum.Rule.MAJORITY ? "majority" : "any").append("): ");
        JsonArray views = views(snapshot, id, interval);
        for (int i = 0; i < views.size(); i++) {
            JsonObject v = views.getJsonObject(i);
            s.append(i == 0 ? "" : ", ").append(v.getString("node")).append(' ').append(v.getString("status"));
            if (!v.getBoolean("fresh")) {
                s.append(" (stale)");
            }
        }
        return s.toString();
    }
}
