package io.meridian.director.http;

import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeOutcome;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.ProfileDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The API's JSON view of profiles and endpoints (see docs/api.md), all from one snapshot. */
final class ProfileJson {
    private ProfileJson() {
    }

    /** What every list response carries: which state it was made from. */
    static JsonObject versions(Snapshot snapshot) {
        return new JsonObject()
                .put("node", snapshot.node())
                .put("configVersion", snapshot.configVersion().stamp().toString())
                .put("operatorVersion", snapshot.operator().version().toString())
                .put("serial", snapshot.serial());
    }

    static JsonObject profile(ProfileDefinition profile, Snapshot snapshot) {
        Duration detection = snapshot.detection().getOrDefault(profile.name(), Duration.ZERO);
        JsonArray endpoints = new JsonArray();
        for (Endpoint e : profile.endpoints()) {
            endpoints.add(endpoint(profile, e, snapshot));
        }
        return new JsonObject()
                .put("name", profile.name())
                .put("domain", profile.domain())
                .put("routing", profile.method().name().toLowerCase(Locale.ROOT))
                .put("ttlSeconds", profile.ttl().toSeconds())
                .put("failOpen", snapshot.table().failingOpen(profile.name()))
                .put("worstCaseDetectionSeconds", seconds(detection))
                .put("worstCaseFailoverSeconds", seconds(detection.plus(profile.ttl())))
                .put("endpoints", endpoints);
    }

    static JsonObject endpoint(ProfileDefinition profile, Endpoint e, Snapshot snapshot) {
        EndpointId id = new EndpointId(profile.name(), e.name());
        HealthStatus status = snapshot.table().statusOf(id);
        Optional<ProbeHealth> probed = snapshot.healthOf(id);
        JsonObject json = new JsonObject()
                .put("name", e.name())
                .put("status", status.label())
                .put("health", health(e, id, snapshot, probed))
                .put("enabled", status != HealthStatus.DISABLED)
                .put("configEnabled", e.enabled())
                .put("override", snapshot.operator().endpoint(id).filter(o -> !o.removed()).map(ProfileJson::override)
                        .orElse(null))
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
        ProbeTarget probe = snapshot.probes().get(id);
        if (probe != null) {
            json.put("probe", probe.toString()).put("sharedWith", new JsonArray(snapshot.usersOf(probe).stream()
                    .filter(other -> !other.equals(id)).map(EndpointId::toString).toList()));
            if (snapshot.clustered()) {
                json.put("views", ClusterJson.views(snapshot, id, probe.settings().interval()));
            }
        }
        probed.ifPresent(h -> json.put("lastProbe", outcome(h.lastOutcome()))
                .put("lastError", h.lastError())
                .put("smoothedLatencyMs", h.smoothedLatency() == null ? null : millis(h.smoothedLatency()))
                .put("counters", new JsonObject()
                        .put("probes", h.probes())
                        .put("failures", h.failures())
                        .put("transitions", h.transitions())));
        return json;
    }

    /**
     * The health under the operator's layer: the probe's status (also while disabled), a nested
     * endpoint's as derived from its child, online for alwaysServe; null when nothing watches it
     * (disabled in the config).
     */
    private static String health(Endpoint e, EndpointId id, Snapshot snapshot, Optional<ProbeHealth> probed) {
        if (e.isNested() || e.alwaysServe()) {
            return snapshot.table().healthOf(id).label();
        }
        if (!snapshot.probes().containsKey(id)) {
            return null;
        }
        return probed.map(h -> h.status().label()).orElse(HealthStatus.CHECKING.label());
    }

    static JsonObject override(OperatorOverride o) {
        return new JsonObject()
                .put("enabled", o.enabled())
                .put("at", o.at().toString())
                .put("node", o.node())
                .put("source", o.source())
                .put("reason", o.reason())
                .put("until", o.until() == null ? null : o.until().toString());
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
