package io.meridian.director.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for one regional API Management gateway, on loopback: answers
 * {@code GET /status-0123456789abcdef} like the real one, and takes demo-only control
 * requests so a user can watch failover: {@code POST /_demo/fail} (answer 500),
 * {@code POST /_demo/hang} (never answer), {@code POST /_demo/refuse?source=127.0.0.2} (answer
 * 500 to probes from that address only: one director's broken path), {@code POST
 * /_demo/fail-login} (only {@code GET /login/health}, the second health check a gateway may
 * have, answers 500), {@code POST /_demo/recover} (all of it undone).
 */
public final class SimulatedGateway {
    public static final String STATUS_PATH = "/status-0123456789abcdef";
    /** A second health endpoint, for endpoints with two monitors: its body is {@code ok} while healthy. */
    public static final String LOGIN_PATH = "/login/health";

    /** How the gateway answers its status endpoint. */
    public enum Mode { HEALTHY, FAILING, HANGING }

    private final Vertx vertx;
    private final String region;
    private final String host;
    private final int port;
    private final AtomicLong statusRequests = new AtomicLong();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.HEALTHY;
    private volatile boolean loginFailing;
    private HttpServer server;

    public SimulatedGateway(Vertx vertx, String region, String host, int port) {
        this.vertx = vertx;
        this.region = region;
        this.host = host;
        this.port = port;
    }

    public Future<SimulatedGateway> start() {
        return vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(port, host)
                .map(s -> {
                    server = s;
                    return this;
                });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }

    public String region() {
        return region;
    }

    public Mode mode() {
        return mode;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Probes from {@code source} (an IP literal) get 500 until {@link #recover}; others are answered as usual. */
    public void refuse(String source) {
        refused.add(source);
    }

    /** {@link #LOGIN_PATH} answers 500 (the status path as its mode says) until {@link #recover}. */
    public void failLogin() {
        loginFailing = true;
    }

    /** Healthy again for everyone. */
    public void recover() {
        refused.clear();
        loginFailing = false;
        mode = Mode.HEALTHY;
    }

    /** Requests for the status path so far: how often probes reached this gateway. */
    public long statusRequests() {
        return statusRequests.get();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith("/_demo/") && request.method().name().equals("POST")) {
            switch (path) {
                case "/_demo/fail" -> mode = Mode.FAILING;
                case "/_demo/hang" -> mode = Mode.HANGING;
                case "/_demo/fail-login" -> failLogin();
                case "/_demo/recover" -> recover();
                case "/_demo/refuse" -> {
                    String source = request.getParam("source");
                    if (source == null || source.isBlank()) {
                        json(request, 400, new JsonObject().put("error", "source: missing (expected: ?source=IP)"));
                        return;
                    }
                    refuse(source.strip());
                }
                default -> {
                    request.response().setStatusCode(404).end();
                    return;
                }
            }
            json(request, 200, new JsonObject().put("region", region).put("mode", mode.name().toLowerCase())
                    .put("refused", new JsonArray(List.copyOf(refused))));
            return;
        }
        if (path.equals(LOGIN_PATH)) {
            request.response().setStatusCode(loginFailing || mode == Mode.FAILING ? 500 : 200).end(loginFailing
                    || mode == Mode.FAILING ? "failing" : "ok");
            return;
        }
        if (!path.equals(STATUS_PATH)) {
            request.response().setStatusCode(404).end();
            return;
        }
        statusRequests.incrementAndGet();
        if (refused.contains(request.remoteAddress().hostAddress())) {
            json(request, 500, new JsonObject().put("region", region).put("status", "refusing your address"));
            return;
        }
        switch (mode) {
            case HEALTHY -> json(request, 200, new JsonObject().put("region", region).put("status", "healthy"));
            case FAILING -> json(request, 500, new JsonObject().put("region", region).put("status", "failing"));
            case HANGING -> { } // never answer: the probe's timeout must catch it
        }
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
