package io.meridian.director.http;

import io.meridian.director.core.Published;
import io.meridian.probes.EndpointHealth;
import io.meridian.probes.ProbeOutcome;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The API's JSON view of profiles and endpoints (see docs/api.md). */
final class ProfileJson {
    private ProfileJson() {
    }

    static JsonObject profile(ProfileDefinition profile, Published published, Map<EndpointId, EndpointHealth> health) {
        Duration detection = published.deployment().detection().getOrDefault(profile.name(), Duration.ZERO);
        JsonArray endpoints = new JsonArray();
        for (Endpoint e : profile.endpoints()) {
            endpoints.add(endpoint(profile, e, published, health.get(new EndpointId(profile.name(), e.name()))));
        }
        return new JsonObject()
                .put("name", profile.name())
                .put("domain", profile.domain())
                .put("routing", profile.method().name().toLowerCase(Locale.ROOT))
                .put("ttlSeconds", profile.ttl().toSeconds())
                .put("failOpen", published.table().failingOpen(profile.name()))
                .put("worstCaseDetectionSeconds", seconds(detection))
                .put("worstCaseFailoverSeconds", seconds(detection.plus(profile.ttl())))
                .put("endpoints", endpoints);
    }

    static JsonObject endpoint(ProfileDefinition profile, Endpoint e, Published published, EndpointHealth health) {
        EndpointId id = new EndpointId(profile.name(), e.name());
        JsonObject json = new JsonObject()
                .put("name", e.name())
                .put("status", published.table().statusOf(id).label())
                .put("enabled", e.enabled())
                .put("operatorOverride", published.overrides().enabled(id).orElse(null))
                .put("priority", e.priority())
                .put("weight", e.weight());
        if (e.isNested()) {
            json.put("profile", e.childProfile()).put("minChildEndpoints", e.minChildEndpoints());
        } else {
            json.put("target", e.target().text());
        }
        if (e.alwaysServe()) {
            json.put("alwaysServe", true);
        }
        if (health != null) {
            json.put("lastProbe", outcome(health.lastOutcome()))
                    .put("lastError", health.lastError())
                    .put("smoothedLatencyMs", health.smoothedLatency() == null ? null : millis(health.smoothedLatency()))
                    .put("counters", new JsonObject()
                            .put("probes", health.probes())
                            .put("failures", health.failures())
                            .put("transitions", health.transitions()));
        }
        return json;
    }

    private static JsonObject outcome(ProbeOutcome o) {
        if (o == null) {
            return null;
        }
        return new JsonObject()
                .put("time", o.time().toString())
                .put("result", o.label())
                .put("statusCode", o.statusCode() == 0 ? null : o.statusCode())
                .put("latencyMs", millis(o.latency()))
                .put("error", o.error());
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 10_000.0) / 100.0;
    }
}
