package io.meridian.director.http;

import io.meridian.director.state.DirectorEvent;
import io.meridian.director.state.Monitors;
import io.meridian.director.state.ProbeHistory;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One event of {@code GET /api/v1/stream} (see docs/api.md): everything the status page shows,
 * made from one snapshot with the same JSON as the API's own resources, plus the recent probe
 * latencies and events that live beside the snapshot.
 */
final class StatusJson {
    /** Events carried by each state: what changed lately, not the whole log. */
    static final int EVENTS = 10;

    private StatusJson() {
    }

    static JsonObject state(Snapshot snapshot, ProbeHistory history, List<DirectorEvent> events, Instant now) {
        JsonArray profiles = new JsonArray();
        snapshot.table().profiles().forEach(p -> profiles.add(ProfileJson.profile(p, snapshot)));
        JsonArray regions = new JsonArray();
        snapshot.regions().names().forEach(name -> regions.add(OperationsApi.region(name, snapshot)));
        JsonArray recent = new JsonArray();
        events.forEach(e -> recent.add(OperationsApi.event(e)));
        return ProfileJson.versions(snapshot)
                .put("time", now.toString())
                .put("ready", snapshot.ready())
                .put("readOnly", snapshot.config().http().apiToken().isEmpty())
                .put("profiles", profiles)
                .put("regions", regions)
                .put("cluster", ClusterJson.cluster(snapshot))
                .put("history", history(snapshot, history))
                .put("events", recent);
    }

    /** Each probe's recent samples, oldest first, keyed as the endpoints' {@code probe} and {@code monitors} name it. */
    private static JsonObject history(Snapshot snapshot, ProbeHistory history) {
        JsonObject byProbe = new JsonObject();
        for (Monitors monitors : snapshot.probes().values()) {
            for (ProbeTarget target : monitors.targets()) {
                String key = target.toString();
                if (!byProbe.containsKey(key)) {
                    JsonArray samples = new JsonArray();
                    history.of(target).forEach(s -> samples.add(sample(s)));
                    byProbe.put(key, samples);
                }
            }
        }
        return byProbe;
    }

    private static JsonObject sample(ProbeHistory.Sample s) {
        return new JsonObject()
                .put("time", s.time().toString())
                .put("latencyMs", s.latencyMs())
                .put("success", s.success());
    }
}
