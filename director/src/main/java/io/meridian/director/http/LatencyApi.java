package io.meridian.director.http;

import io.meridian.config.LatencyConfig;
import io.meridian.config.MeridianConfig;
import io.meridian.config.ProfileConfig;
import io.meridian.director.latency.LatencyService;
import io.meridian.director.latency.MeasurementBody;
import io.meridian.director.latency.Rejection;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.EndpointId;
import io.meridian.routing.GeoLocation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measured latency over HTTP (SPEC section 9): {@code POST /api/v1/measurements} (CORS for
 * {@code latency.allowedOrigins}), {@code GET /api/v1/latency} and {@code GET /rum.js}. A refused
 * measurement request is counted by reason and leaves the table as it was.
 */
final class LatencyApi {
    private static final String PATH = "/api/v1/measurements";
    private static final String TEMPLATE = "/*MERIDIAN_CONFIG*/{\"beacons\": [], \"delayMs\": 0}";

    private final LatencyService latency;
    private final InstantSource clock;
    private final String script;
    /** The CORS handler for the origins it was built for; rebuilt when a reload changes them. */
    private volatile Cors cors = new Cors(null, null);

    private record Cors(List<String> origins, CorsHandler handler) {
    }

    LatencyApi(LatencyService latency, InstantSource clock) {
        this.latency = latency;
        this.clock = clock;
        try (InputStream in = LatencyApi.class.getResourceAsStream("rum.js")) {
            this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("rum.js is missing from the jar", e);
        }
        if (!script.contains(TEMPLATE)) {
            throw new IllegalStateException("rum.js has no configuration placeholder");
        }
    }

    /** Before the API's own body handler: the measurement route has its own, smaller limit. */
    void routeBodies(Router router) {
        router.route(PATH).handler(this::cors);
        router.post(PATH).handler(this::contentType);
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(MeasurementBody.BODY_LIMIT));
        router.post(PATH).handler(this::measurements);
        router.post(PATH).failureHandler(this::refused);
        router.get("/rum.js").handler(this::script);
    }

    void route(Router router) {
        router.get("/api/v1/latency").handler(this::view);
    }

    private void cors(RoutingContext ctx) {
        List<String> origins = HttpFrontend.snapshot(ctx).config().latency().allowedOrigins();
        if (origins.isEmpty()) {
            ctx.next();
            return;
        }
        Cors c = cors;
        if (!origins.equals(c.origins())) {
            CorsHandler handler = CorsHandler.create().allowedMethod(HttpMethod.POST).allowedHeader("Content-Type")
                    .maxAgeSeconds(3600);
            if (origins.contains("*")) {
                handler.addOrigin("*");
            } else {
                handler.addOrigins(origins);
            }
            c = new Cors(origins, handler);
            cors = c;
        }
        c.handler().handle(ctx);
    }

    private void contentType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!bare.equals("application/json")) {
            throw new Rejection(Rejection.Reason.CONTENT_TYPE, "Content-Type: " + type
                    + " (expected: application/json)");
        }
        ctx.next();
    }

    private void measurements(RoutingContext ctx) {
        Snapshot snapshot = HttpFrontend.snapshot(ctx);
        MeasurementBody body = MeasurementBody.parse(json(ctx.body().buffer()), snapshot.regions().names(),
                endpointRegions(snapshot));
        boolean trusted = trusted(ctx, snapshot, body.client() != null);
        InetAddress client = body.client() != null ? ClientAddress.literal(body.client())
                : HttpFrontend.client(ctx.request(), snapshot.config().http());
        if (client == null) {
            throw new Rejection(Rejection.Reason.MALFORMED, "client: " + body.client() + " (expected: an IP address)");
        }
        GeoLocation location = snapshot.table().locator().locate(client).orElse(null);
        latency.ingest(client, location, body.samples(), !trusted)
                .onSuccess(a -> HttpFrontend.json(ctx, 202, new JsonObject().put("accepted", a.accepted())
                        .put("clipped", a.clipped()).put("network", a.network())))
                .onFailure(ctx::fail);
    }

    /**
     * Whether the request holds the API token: it may then name a {@code client} and is not
     * rate limited. Without a {@code client} the token is optional; a wrong one is refused anyway.
     */
    private static boolean trusted(RoutingContext ctx, Snapshot snapshot, boolean namesClient) {
        if (!namesClient && ctx.request().getHeader("Authorization") == null) {
            return false;
        }
        try {
            HttpFrontend.authorize(ctx, snapshot);
            return true;
        } catch (ApiError e) {
            throw new Rejection(Rejection.Reason.UNAUTHORIZED, (namesClient ? "client: reporting for another client"
                    + " needs the API token: " : "") + e.getMessage());
        }
    }

    private static JsonObject json(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) {
            return null;
        }
        try {
            Object value = Json.decodeValue(buffer);
            if (value instanceof JsonObject o) {
                return o;
            }
            throw new Rejection(Rejection.Reason.MALFORMED, "body: a JSON " + (value instanceof JsonArray ? "list"
                    : "value") + " (expected: an object {\"samples\": [...]})");
        } catch (DecodeException e) {
            throw new Rejection(Rejection.Reason.MALFORMED, "malformed JSON: " + e.getMessage());
        }
    }

    /** Endpoint names that mean one region in every profile that has them. */
    private static Map<String, String> endpointRegions(Snapshot snapshot) {
        Map<String, String> regions = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Map.Entry<EndpointId, String> e : snapshot.regions().byEndpoint().entrySet()) {
            String before = regions.putIfAbsent(e.getKey().endpoint(), e.getValue());
            if (before != null && !before.equals(e.getValue())) {
                ambiguous.add(e.getKey().endpoint());
            }
        }
        regions.keySet().removeAll(ambiguous);
        return regions;
    }

    /** Counts what this route refused (its own refusals, and the body limit, CORS, bad JSON) and answers it. */
    private void refused(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof Rejection r) {
            latency.rejected(r.reason());
            if (r.reason() == Rejection.Reason.RATE_LIMITED) {
                ctx.response().putHeader("Retry-After", String.valueOf(
                        Math.max(1, 60 / Math.max(1, latency.config().requestsPerMinute()))));
            }
            if (!ctx.response().ended()) {
                HttpFrontend.json(ctx, r.reason().status(), new JsonObject().put("error", r.getMessage())
                        .put("reason", r.reason().label()));
            }
            return;
        }
        int status = ctx.statusCode();
        if (failure == null && status == 413) {
            latency.rejected(Rejection.Reason.TOO_LARGE);
        } else if (status == 403 && !(failure instanceof ApiError)) {
            // the CORS handler refusing an origin latency.allowedOrigins does not list
            latency.rejected(Rejection.Reason.ORIGIN);
            HttpFrontend.json(ctx, 403, new JsonObject().put("error", "origin: " + ctx.request().getHeader("Origin")
                    + " (expected: one of latency.allowedOrigins)").put("reason", Rejection.Reason.ORIGIN.label()));
            return;
        } else if (failure instanceof DecodeException) {
            latency.rejected(Rejection.Reason.MALFORMED);
        }
        ctx.next();
    }

    private void view(RoutingContext ctx) {
        Snapshot snapshot = HttpFrontend.snapshot(ctx);
        String given = ctx.queryParams().get("client");
        InetAddress client = given == null ? HttpFrontend.client(ctx.request(), snapshot.config().http())
                : ClientAddress.literal(given);
        if (client == null) {
            throw ApiError.badRequest("client: " + given + " (expected: an IP address)");
        }
        GeoLocation location = snapshot.table().locator().locate(client).orElse(null);
        HttpFrontend.json(ctx, 200, LatencyJson.of(client, location, latency.table(), clock.instant()));
    }

    private void script(RoutingContext ctx) {
        MeridianConfig config = HttpFrontend.snapshot(ctx).config();
        ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
                .putHeader("Cache-Control", "max-age=300")
                .end(script.replace(TEMPLATE, "/*MERIDIAN_CONFIG*/" + beacons(config).encode()));
    }

    /**
     * Per region the URL the script times: the first {@code beaconUrl} of an endpoint in that
     * region, else {@code latency.beacons}, else the region's first endpoint target with its
     * monitor path over HTTPS.
     */
    static JsonObject beacons(MeridianConfig config) {
        LatencyConfig latency = config.latency();
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> ofEndpoints = new LinkedHashMap<>();
        for (ProfileConfig p : config.profiles()) {
            p.endpoints().forEach(e -> e.region().ifPresent(region -> {
                e.target().ifPresent(target ->
                        urls.putIfAbsent(region, "https://" + hostOf(target.text()) + e.monitor().path()));
                e.beaconUrl().ifPresent(url -> ofEndpoints.putIfAbsent(region, url));
            }));
        }
        latency.beacons().forEach(urls::put);
        urls.putAll(ofEndpoints);
        JsonArray list = new JsonArray();
        urls.forEach((region, url) -> list.add(new JsonObject().put("region", region).put("url", url)));
        return new JsonObject().put("beacons", list).put("delayMs", 0);
    }

    /** An IPv6 literal goes in brackets in a URL. */
    private static String hostOf(String target) {
        return target.indexOf(':') >= 0 ? "[" + target + "]" : target;
    }
}
