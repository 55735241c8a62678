package io.meridian.director.http;

import io.meridian.config.HttpConfig;
import io.meridian.director.core.Director;
import io.meridian.director.core.Published;
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
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: redirector (any request whose Host is a profile's redirectHost), the
 * management API under {@code /api/v1}, {@code /metrics}, {@code /healthz}, {@code /readyz}.
 *
 * <p>Statuses are decided in one place, {@link #fail}: {@link ApiError} carries its own,
 * bad JSON is 400, anything else is 500 and logged.
 */
public final class HttpFrontend {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontend.class);
    private static final String JSON = "application/json";

    private final Director director;
    private final Resolver resolver;

    private HttpFrontend(Director director, int udpSize) {
        this.director = director;
        this.resolver = new Resolver(new DnsResponder(udpSize));
    }

    /** Starts listening on {@code config.listen()}; port 0 picks a free port. */
    public static Future<HttpServer> start(Vertx vertx, Director director) {
        HttpConfig config = director.meridianConfig().http();
        HttpFrontend frontend = new HttpFrontend(director, director.meridianConfig().dns().udpSize());
        return vertx.createHttpServer()
                .requestHandler(frontend.router(vertx))
                .listen(config.listen().port(), config.listen().address().getHostAddress())
                .onSuccess(s -> LOG.info("HTTP listening on {}:{} (redirector, /api/v1, /metrics)",
                        config.listen().address().getHostAddress(), s.actualPort()));
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::redirectOrNext);
        router.get("/healthz").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "alive")));
        router.get("/readyz").handler(this::ready);
        // a scrape walks every meter and reads /proc: keep it off the event loop
        router.get("/metrics").handler(ctx -> vertx.executeBlocking(() -> director.metrics().scrape(), false)
                .onSuccess(text -> ctx.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail));
        router.route("/api/v1/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.get("/api/v1/profiles").handler(this::profiles);
        router.get("/api/v1/profiles/:profile").handler(this::profile);
        router.patch("/api/v1/profiles/:profile/endpoints/:endpoint").handler(this::patchEndpoint);
        router.get("/api/v1/resolve").handler(this::resolve);
        router.post("/api/v1/reload").handler(this::reload);
        router.route().last().handler(ctx -> ctx.fail(ApiError.notFound("no such resource: " + ctx.request().path())));
        router.route().failureHandler(this::fail);
        return router;
    }

    private void redirectOrNext(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Published published = director.current();
        // authority(): the Host header in HTTP/1.x, :authority in HTTP/2
        String host = request.authority() == null ? null : request.authority().host();
        var redirect = Redirect.decide(published.deployment().redirectHosts(), host,
                scheme(request), request.uri(), ClientContext.ofAddress(client(request)), published.table(),
                ThreadLocalRandom.current());
        if (redirect.isEmpty()) {
            ctx.next();
            return;
        }
        Redirect r = redirect.get();
        director.metrics().answers(r.decision());
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
        boolean ready = director.ready();
        json(ctx, ready ? 200 : 503, new JsonObject().put("ready", ready));
    }

    private void profiles(RoutingContext ctx) {
        Published published = director.current();
        var health = director.health();
        JsonArray list = new JsonArray();
        published.deployment().profiles().forEach(p -> list.add(ProfileJson.profile(p, published, health)));
        json(ctx, 200, new JsonObject().put("generation", published.generation()).put("profiles", list));
    }

    private void profile(RoutingContext ctx) {
        Published published = director.current();
        json(ctx, 200, ProfileJson.profile(profileOf(published, ctx.pathParam("profile")), published, director.health()));
    }

    private void patchEndpoint(RoutingContext ctx) {
        authorize(ctx);
        Published published = director.current();
        ProfileDefinition profile = profileOf(published, ctx.pathParam("profile"));
        String name = ctx.pathParam("endpoint");
        if (profile.endpoints().stream().noneMatch(e -> e.name().equals(name))) {
            throw ApiError.notFound("no endpoint " + name + " in profile " + profile.name());
        }
        JsonObject body = ctx.body().asJsonObject();
        Object enabled = body == null ? null : body.getValue("enabled");
        if (!(enabled instanceof Boolean value) || body.size() != 1) {
            throw ApiError.badRequest("expected a JSON object {\"enabled\": true|false}");
        }
        EndpointId id = new EndpointId(profile.name(), name);
        director.setEnabled(id, value)
                .onSuccess(p -> {
                    ProfileDefinition now = profileOf(p, profile.name());
                    var endpoint = now.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
                    json(ctx, 200, ProfileJson.endpoint(now, endpoint, p, director.health().get(id)));
                })
                // the endpoint vanished in a reload between the check above and the change
                .onFailure(e -> ctx.fail(e instanceof IllegalArgumentException ? ApiError.notFound(e.getMessage()) : e));
    }

    private void resolve(RoutingContext ctx) {
        String name = ctx.queryParams().get("name");
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("name: missing (expected: ?name=NAME&type=A&client=IP)");
        }
        json(ctx, 200, resolver.resolve(name, ctx.queryParams().get("type"), ctx.queryParams().get("client"),
                client(ctx.request()), director.current()));
    }

    private void reload(RoutingContext ctx) {
        authorize(ctx);
        director.reload()
                .onSuccess(result -> {
                    if (result.success()) {
                        json(ctx, 200, new JsonObject().put("result", "success").put("generation", result.generation()));
                    } else {
                        JsonArray problems = new JsonArray(result.problems().stream().map(Object::toString).toList());
                        json(ctx, 422, new JsonObject().put("error", "invalid config; the running config is kept")
                                .put("problems", problems));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** Changes need the bearer token (as configured now: reloads may rotate it); without one the API is read-only. */
    private void authorize(RoutingContext ctx) {
        byte[] token = http().apiToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
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

    private static ProfileDefinition profileOf(Published published, String name) {
        return published.table().profile(name).orElseThrow(() -> ApiError.notFound("no profile " + name));
    }

    private InetAddress client(HttpServerRequest request) {
        // all header lines: a proxy may add its own line rather than append to the client's
        java.util.List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        return ClientAddress.of(request.remoteAddress().hostAddress(),
                forwarded.isEmpty() ? null : String.join(",", forwarded), http().trustForwardedFor());
    }

    /** The client's scheme: behind a trusted TLS-terminating proxy, its X-Forwarded-Proto. */
    private String scheme(HttpServerRequest request) {
        String forwarded = http().trustForwardedFor() ? request.getHeader("X-Forwarded-Proto") : null;
        return "https".equalsIgnoreCase(forwarded) || "http".equalsIgnoreCase(forwarded)
                ? forwarded.toLowerCase(java.util.Locale.ROOT) : request.scheme();
    }

    private HttpConfig http() {
        return director.current().deployment().config().http();
    }

    private void fail(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String message;
        if (failure instanceof ApiError e) {
            status = e.status();
            message = e.getMessage();
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
            json(ctx, status, new JsonObject().put("error", message));
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(body.encodePrettily());
    }
}
