package io.meridian.director.http;

import io.meridian.director.state.Monitors;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeOutcome;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AllDown;
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
                .put("allDown", allDown(profile.allDown()))
                .put("lastResort", profile.lastResort() == null ? null : profile.lastResort().text())
                .put("allEndpointsDown", snapshot.table().allDown(profile.name()))
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
                .put("health", health(e, id, snapshot))
                .put("enabled", status != HealthStatus.DISABLED)
                .put("configEnabled", e.enabled())
                .put("region", snapshot.regions().of(id))
                .put("override", snapshot.operator().endpoint(id).filter(o -> !o.removed()).map(ProfileJson::override)
                        .orElse(null))
                .put("regionOverride", regionOverride(snapshot, id))
                .put("alert", snapshot.alerted().get(id))
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
        Monitors monitors = snapshot.probes().get(id);
        if (monitors != null) {
            ProbeTarget probe = monitors.first();
            json.put("probe", probe.toString()).put("sharedWith", new JsonArray(snapshot.usersOf(probe).stream()
                    .filter(other -> !other.equals(id)).map(EndpointId::toString).toList()));
            json.put("healthyWhen", new JsonObject().put("required", monitors.required())
                    .put("of", monitors.targets().size()));
            json.put("monitors", monitors(monitors, snapshot));
            if (snapshot.clustered()) {
                json.put("views", ClusterJson.views(snapshot, id, monitors.interval()));
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
     * The health under the operator's layer: this director's monitors combined by healthyWhen
     * (also while disabled; before the cluster's quorum and alerts), a nested
     * endpoint's as derived from its child, online for alwaysServe; null when nothing watches it
     * (disabled in the config).
     */
    static String health(EndpointId id, Snapshot snapshot) {
        return snapshot.table().profile(id.profile()).flatMap(p -> p.endpoints().stream()
                .filter(e -> e.name().equals(id.endpoint())).findFirst()).map(e -> health(e, id, snapshot)).orElse(null);
    }

    private static String health(Endpoint e, EndpointId id, Snapshot snapshot) {
        if (e.isNested() || e.alwaysServe()) {
            return snapshot.table().healthOf(id).label();
        }
        if (!snapshot.probes().containsKey(id)) {
            return null;
        }
        return snapshot.localStatus(id).label();
    }

    /** Each monitor with its own state machine's result. */
    private static JsonArray monitors(Monitors monitors, Snapshot snapshot) {
        JsonArray list = new JsonArray();
        for (ProbeTarget t : monitors.targets()) {
            ProbeHealth h = snapshot.probeHealth(t);
            list.add(new JsonObject()
                    .put("probe", t.toString())
                    .put("status", (h == null ? HealthStatus.CHECKING : h.status()).label())
                    .put("lastProbe", h == null ? null : outcome(h.lastOutcome()))
                    .put("lastError", h == null ? null : h.lastError()));
        }
        return list;
    }

    /** The override of the endpoint's region, while it disables the endpoint. */
    private static JsonObject regionOverride(Snapshot snapshot, EndpointId id) {
        String region = snapshot.regions().of(id);
        return region == null ? null : snapshot.operator().region(region).filter(o -> Boolean.FALSE.equals(o.enabled()))
                .map(ProfileJson::override).orElse(null);
    }

    static String allDown(AllDown policy) {
        return switch (policy) {
            case FAIL_OPEN -> "failOpen";
            case NO_DATA -> "noData";
            case LAST_RESORT -> "lastResort";
        };
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
