package io.meridian.director.http;

import io.meridian.director.metrics.MeridianMetrics;
import io.meridian.director.state.AlertResult;
import io.meridian.director.state.DirectorEvent;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OverrideRequest;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.EndpointId;
import io.meridian.routing.GeoPoint;
import io.meridian.routing.HealthStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.InstantSource;

/**
 * The operating-regions part of the API (SPEC section 7): regions and their overrides, the
 * event log, and Alertmanager's webhook.
 */
final class OperationsApi {
    /** Alertmanager groups many alerts into one notification: more room than an operator's change. */
    static final int ALERTMANAGER_BODY_LIMIT = 1024 * 1024;
    private static final int DEFAULT_EVENTS = 100;

    private final DirectorPort director;
    private final MeridianMetrics metrics;
    private final InstantSource clock;

    OperationsApi(DirectorPort director, MeridianMetrics metrics, InstantSource clock) {
        this.director = director;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Before the API's own body handler: the webhook's route reads its larger body first. */
    void routeBodies(Router router) {
        router.post("/api/v1/alertmanager").handler(BodyHandler.create().setBodyLimit(ALERTMANAGER_BODY_LIMIT));
    }

    void route(Router router) {
        router.get("/api/v1/regions").handler(this::regions);
        router.get("/api/v1/regions/:region").handler(this::region);
        router.patch("/api/v1/regions/:region").handler(this::patchRegion);
        router.get("/api/v1/events").handler(this::events);
        router.post("/api/v1/alertmanager").handler(this::alertmanager);
    }

    private void regions(RoutingContext ctx) {
        Snapshot snapshot = HttpFrontend.snapshot(ctx);
        JsonArray list = new JsonArray();
        snapshot.regions().names().forEach(name -> list.add(region(name, snapshot)));
        HttpFrontend.json(ctx, 200, ProfileJson.versions(snapshot).put("regions", list));
    }

    private void region(RoutingContext ctx) {
        Snapshot snapshot = HttpFrontend.snapshot(ctx);
        HttpFrontend.json(ctx, 200, region(known(snapshot, ctx.pathParam("region")), snapshot));
    }

    private void patchRegion(RoutingContext ctx) {
        Snapshot snapshot = HttpFrontend.snapshot(ctx);
        HttpFrontend.authorize(ctx, snapshot);
        String name = known(snapshot, ctx.pathParam("region"));
        OverrideRequest request = OverrideBody.parse(ctx.body().asJsonObject(), ctx.request().remoteAddress().hostAddress(),
                clock.instant());
        director.setRegionEnabled(name, request)
                .onSuccess(after -> HttpFrontend.json(ctx, 200, after.regions().contains(name) ? region(name, after)
                        : new JsonObject().put("name", name)))
                .onFailure(e -> ctx.fail(HttpFrontend.commandFailure(e)));
    }

    private void events(RoutingContext ctx) {
        String text = ctx.queryParams().get("limit");
        int limit = DEFAULT_EVENTS;
        if (text != null) {
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw ApiError.badRequest("limit: " + text + " (expected: a positive number; at most "
                        + "the log's size is returned)");
            }
        }
        JsonArray list = new JsonArray();
        for (DirectorEvent e : director.events(limit)) {
            list.add(event(e));
        }
        HttpFrontend.json(ctx, 200, new JsonObject().put("events", list));
    }

    static JsonObject event(DirectorEvent e) {
        return new JsonObject()
                .put("time", e.time().toString())
                .put("node", e.node())
                .put("kind", e.kind().label())
                .put("what", e.what())
                .put("reason", e.reason());
    }

    private void alertmanager(RoutingContext ctx) {
        HttpFrontend.authorize(ctx, HttpFrontend.snapshot(ctx));
        var alerts = AlertmanagerPayload.parse(ctx.body().asJsonObject());
        director.alerts(alerts, "alertmanager " + ctx.request().remoteAddress().hostAddress())
                .onSuccess(result -> {
                    metrics.alerts(result.matched(), result.ignored(), result.unmatched());
                    HttpFrontend.json(ctx, 200, json(result, alerts.size()));
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject json(AlertResult result, int received) {
        return new JsonObject()
                .put("received", received)
                .put("matched", result.matched())
                .put("ignored", result.ignored())
                .put("unknown", new JsonArray(result.unknown()))
                .put("degrading", new JsonArray(result.degrading()));
    }

    private static String known(Snapshot snapshot, String region) {
        if (!snapshot.regions().contains(region)) {
            throw ApiError.notFound("no endpoint names region " + region);
        }
        return region;
    }

    static JsonObject region(String name, Snapshot snapshot) {
        JsonArray endpoints = new JsonArray();
        JsonArray alerts = new JsonArray();
        for (EndpointId id : snapshot.regions().endpointsOf(name)) {
            HealthStatus status = snapshot.table().statusOf(id);
            endpoints.add(new JsonObject()
                    .put("id", id.toString())
                    .put("status", status.label())
                    .put("health", ProfileJson.health(id, snapshot)));
            String alert = snapshot.alerted().get(id);
            if (alert != null && !alerts.contains(alert)) {
                alerts.add(alert);
            }
        }
        GeoPoint at = snapshot.regions().locations().get(name);
        return new JsonObject()
                .put("name", name)
                .put("override", snapshot.operator().region(name).filter(o -> !o.removed()).map(ProfileJson::override)
                        .orElse(null))
                .put("location", at == null ? null : new JsonObject().put("lat", at.lat()).put("lon", at.lon()))
                .put("alerts", alerts)
                .put("endpoints", endpoints);
    }
}
