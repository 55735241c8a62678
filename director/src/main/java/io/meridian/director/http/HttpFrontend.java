package io.meridian.director.http;

import io.meridian.config.HttpConfig;
import io.meridian.director.latency.LatencyService;
import io.meridian.director.metrics.MeridianMetrics;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OverrideRequest;
import io.meridian.director.state.ProbeHistory;
import io.meridian.director.state.SafetyRefusal;
import io.meridian.director.state.Snapshot;
import io.meridian.dns.DnsResponder;
import io.meridian.routing.ClientContext;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: redirector (any request whose Host is a profile's redirectHost), the
 * management API under {@code /api/v1}, {@code /metrics}, {@code /healthz}, {@code /readyz}.
 *
 * <p>Every request reads the director's snapshot once ({@link DirectorPort#snapshot()}) and
 * answers from it alone. Statuses are decided in one place, {@link #fail}: {@link ApiError}
 * carries its own, bad JSON is 400, anything else is 500 and logged.
 */
public final class HttpFrontend {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontend.class);
    private static final String JSON = "application/json";
    /** Where a request keeps the one snapshot it is answered from. */
    private static final String SNAPSHOT = "meridian.snapshot";

    private final DirectorPort director;
    private final MeridianMetrics metrics;
    private final Resolver resolver;
    private final OperationsApi operations;
    private final InstantSource clock;
    private final ProbeHistory history;
    private final LatencyApi latency;

    private HttpFrontend(DirectorPort director, MeridianMetrics metrics, DnsResponder responder, InstantSource clock,
                         ProbeHistory history, LatencyService latency) {
        this.director = director;
        this.metrics = metrics;
        this.resolver = new Resolver(responder);
        this.operations = new OperationsApi(director, metrics, clock);
        this.clock = clock;
        this.history = history;
        this.latency = latency == null ? null : new LatencyApi(latency, clock);
    }

    /**
     * Starts listening on the config's {@code http.listen}; port 0 picks a free port.
     *
     * @param responder the DNS listeners' responder: resolve answers exactly as they do
     * @param history   the recent probe results the status page draws its sparklines from
     */
    public static Future<HttpServer> start(Vertx vertx, DirectorPort director, MeridianMetrics metrics,
                                           DnsResponder responder, InstantSource clock, ProbeHistory history) {
        return start(vertx, director, metrics, responder, clock, history, null);
    }

    /** As above, with measured latency: {@code /api/v1/measurements}, {@code /api/v1/latency}, {@code /rum.js}. */
    public static Future<HttpServer> start(Vertx vertx, DirectorPort director, MeridianMetrics metrics,
                                           DnsResponder responder, InstantSource clock, ProbeHistory history,
                                           LatencyService latency) {
        HttpConfig config = director.snapshot().config().http();
        HttpFrontend frontend = new HttpFrontend(director, metrics, responder, clock, history, latency);
        return vertx.createHttpServer()
                .requestHandler(frontend.router(vertx))
                .listen(config.listen().port(), config.listen().address().getHostAddress())
                .onSuccess(s -> LOG.info("HTTP listening on {}:{} (status page, redirector, /api/v1, /metrics)",
                        config.listen().address().getHostAddress(), s.actualPort()));
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::redirectOrNext);
        router.get("/healthz").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "alive")));
        router.get("/readyz").handler(this::ready);
        // a scrape walks every meter and reads /proc: keep it off the event loop
        router.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail));
        operations.routeBodies(router);
        if (latency != null) {
            latency.routeBodies(router);
        }
        router.route("/api/v1/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.get("/api/v1/profiles").handler(this::profiles);
        router.get("/api/v1/profiles/:profile").handler(this::profile);
        router.patch("/api/v1/profiles/:profile/endpoints/:endpoint").handler(this::patchEndpoint);
        router.get("/api/v1/resolve").handler(this::resolve);
        router.get("/api/v1/cluster").handler(ctx -> json(ctx, 200, ClusterJson.cluster(snapshot(ctx))));
        router.post("/api/v1/reload").handler(this::reload);
        router.get("/api/v1/probes").handler(ctx -> json(ctx, 200, ProbesJson.probes(director.probeLoad(), snapshot(ctx))));
        operations.route(router);
        if (latency != null) {
            latency.route(router);
        }
        new StatusPage(vertx, director, history, clock).route(router);
        router.route().last().handler(ctx -> ctx.fail(ApiError.notFound("no such resource: " + ctx.request().path())));
        router.route().failureHandler(this::fail);
        return router;
    }

    private void redirectOrNext(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Snapshot snapshot = director.snapshot();
        ctx.put(SNAPSHOT, snapshot);
        // authority(): the Host header in HTTP/1.x, :authority in HTTP/2
        String host = request.authority() == null ? null : request.authority().host();
        HttpConfig http = snapshot.config().http();
        var redirect = Redirect.decide(snapshot.redirectHosts(), host, scheme(request, http), request.uri(),
                ClientContext.ofAddress(client(request, http)), snapshot.table(), ThreadLocalRandom.current());
        if (redirect.isEmpty()) {
            ctx.next();
            return;
        }
        Redirect r = redirect.get();
        metrics.answers(r.decision());
        if (r.status() == 503) {
            json(ctx, 503, new JsonObject().put("error", "no healthy endpoint for profile " + r.decision().profile()));
            return;
        }
        ctx.response().setStatusCode(307)
                .putHeader("Location", r.location())
                .putHeader("Cache-Control", "max-age=" + r.maxAgeSeconds())
                .end();
    }

    private void ready(RoutingContext ctx) {
        boolean ready = snapshot(ctx).ready();
        json(ctx, ready ? 200 : 503, new JsonObject().put("ready", ready));
    }

    private void profiles(RoutingContext ctx) {
        Snapshot snapshot = snapshot(ctx);
        JsonArray list = new JsonArray();
        snapshot.table().profiles().forEach(p -> list.add(ProfileJson.profile(p, snapshot)));
        json(ctx, 200, ProfileJson.versions(snapshot).put("profiles", list));
    }

    private void profile(RoutingContext ctx) {
        Snapshot snapshot = snapshot(ctx);
        json(ctx, 200, ProfileJson.profile(profileOf(snapshot, ctx.pathParam("profile")), snapshot));
    }

    private void patchEndpoint(RoutingContext ctx) {
        Snapshot snapshot = snapshot(ctx);
        authorize(ctx, snapshot);
        ProfileDefinition profile = profileOf(snapshot, ctx.pathParam("profile"));
        String name = ctx.pathParam("endpoint");
        if (profile.endpoints().stream().noneMatch(e -> e.name().equals(name))) {
            throw ApiError.notFound("no endpoint " + name + " in profile " + profile.name());
        }
        OverrideRequest request = OverrideBody.parse(ctx.body().asJsonObject(), ctx.request().remoteAddress().hostAddress(),
                clock.instant());
        EndpointId id = new EndpointId(profile.name(), name);
        director.setEnabled(id, request)
                .onSuccess(after -> {
                    ProfileDefinition now = profileOf(after, profile.name());
                    var endpoint = now.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
                    json(ctx, 200, ProfileJson.endpoint(now, endpoint, after));
                })
                .onFailure(e -> ctx.fail(commandFailure(e)));
    }

    /**
     * A command's failure as the API reports it: an unknown endpoint or region (it vanished in a
     * reload between the request's check and the change) is a 404, a refusal by the safety rule a 409.
     */
    static Throwable commandFailure(Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return ApiError.notFound(e.getMessage());
        }
        if (e instanceof SafetyRefusal refusal) {
            return new ApiError(409, refusal.getMessage(), refusal.profiles());
        }
        return e;
    }

    private void resolve(RoutingContext ctx) {
        String name = ctx.queryParams().get("name");
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("name: missing (expected: ?name=NAME&type=A&client=IP)");
        }
        Snapshot snapshot = snapshot(ctx);
        json(ctx, 200, resolver.resolve(name, ctx.queryParams().get("type"), ctx.queryParams().get("client"),
                client(ctx.request(), snapshot.config().http()), snapshot));
    }

    private void reload(RoutingContext ctx) {
        authorize(ctx, snapshot(ctx));
        director.reload()
                .onSuccess(result -> {
                    if (result.success()) {
                        json(ctx, 200, new JsonObject().put("result", "success")
                                .put("configVersion", result.version().stamp().toString()));
                    } else {
                        JsonArray problems = new JsonArray(result.problems().stream().map(Object::toString).toList());
                        json(ctx, 422, new JsonObject().put("error", "invalid config; the running config is kept")
                                .put("problems", problems));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** Changes need the bearer token (as configured now: reloads may rotate it); without one the API is read-only. */
    static void authorize(RoutingContext ctx, Snapshot snapshot) {
        byte[] token = snapshot.config().http().apiToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (token == null) {
            throw new ApiError(403, "the API is read-only: set http.apiToken to allow changes");
        }
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) { // constant time: no timing oracle on the token
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "missing or wrong bearer token");
        }
    }

    /** The snapshot this request is answered from, read once when it arrived. */
    static Snapshot snapshot(RoutingContext ctx) {
        return ctx.get(SNAPSHOT);
    }

    private static ProfileDefinition profileOf(Snapshot snapshot, String name) {
        return snapshot.table().profile(name).orElseThrow(() -> ApiError.notFound("no profile " + name));
    }

    static InetAddress client(HttpServerRequest request, HttpConfig http) {
        // all header lines: a proxy may add its own line rather than append to the client's
        List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        return ClientAddress.of(request.remoteAddress().hostAddress(),
                forwarded.isEmpty() ? null : String.join(",", forwarded), http.trustForwardedFor());
    }

    /** The client's scheme: behind a trusted TLS-terminating proxy, its X-Forwarded-Proto. */
    private static String scheme(HttpServerRequest request, HttpConfig http) {
        String forwarded = http.trustForwardedFor() ? request.getHeader("X-Forwarded-Proto") : null;
        return "https".equalsIgnoreCase(forwarded) || "http".equalsIgnoreCase(forwarded)
                ? forwarded.toLowerCase(Locale.ROOT) : request.scheme();
    }

    private void fail(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String message;
        List<String> profiles = null;
        if (failure instanceof ApiError e) {
            status = e.status();
            message = e.getMessage();
            profiles = e.profiles();
        } else if (failure instanceof DecodeException) {
            status = 400;
            message = "malformed JSON: " + failure.getMessage();
        } else if (failure == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            message = status == 413 ? "request body too large" : "request failed";
        } else {
            status = 500;
            message = "internal error: " + failure;
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        if (!ctx.response().ended()) {
            JsonObject body = new JsonObject().put("error", message);
            if (profiles != null) {
                body.put("profiles", new JsonArray(profiles));
            }
            json(ctx, status, body);
        }
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(body.encodePrettily());
    }
}
