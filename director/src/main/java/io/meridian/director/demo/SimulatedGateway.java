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
 * have, answers 500), {@code POST /_demo/delay?ms=150} (answer the status and beacon paths that
 * much later: the region's distance, for the latency lab), {@code POST /_demo/recover} (all of
 * it undone). {@code GET /_demo/beacon} is what {@code /rum.js} times in the demo: 204, delayed.
 */
public final class SimulatedGateway {
    public static final String STATUS_PATH = "/status-0123456789abcdef";
    /** A second health endpoint, for endpoints with two monitors: its body is {@code ok} while healthy. */
    public static final String LOGIN_PATH = "/login/health";
    /** What the demo's {@code /rum.js} times: an empty answer after the region's delay. */
    public static final String BEACON_PATH = "/_demo/beacon";
    static final int MAX_DELAY_MS = 10_000;

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
    private volatile long delayMs;
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

    /** Answers the status and beacon paths {@code ms} later (0: at once), as a region that far away would. */
    public void delay(long ms) {
        if (ms < 0 || ms > MAX_DELAY_MS) {
            throw new IllegalArgumentException("ms: " + ms + " (expected: 0.." + MAX_DELAY_MS + ")");
        }
        delayMs = ms;
    }

    /** Healthy, without delay, again for everyone. */
    public void recover() {
        delayMs = 0;
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
                case "/_demo/delay" -> {
                    try {
                        delay(Long.parseLong(String.valueOf(request.getParam("ms")).strip()));
                    } catch (IllegalArgumentException e) {
                        json(request, 400, new JsonObject().put("error", "ms: " + request.getParam("ms")
                                + " (expected: milliseconds 0.." + MAX_DELAY_MS + ")"));
                        return;
                    }
                }
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
                    .put("delayMs", delayMs)
                    .put("refused", new JsonArray(List.copyOf(refused))));
            return;
        }
        if (path.equals(LOGIN_PATH)) {
            request.response().setStatusCode(loginFailing || mode == Mode.FAILING ? 500 : 200).end(loginFailing
                    || mode == Mode.FAILING ? "failing" : "ok");
            return;
        }
        if (path.equals(BEACON_PATH)) {
            later(() -> request.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end());
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
            case HEALTHY -> later(() -> json(request, 200, new JsonObject().put("region", region).put("status", "healthy")));
            case FAILING -> later(() -> json(request, 500, new JsonObject().put("region", region).put("status", "failing")));
            case HANGING -> { } // never answer: the probe's timeout must catch it
        }
    }

    /** Runs {@code answer} after the region's delay, on a timer: the event loop never waits. */
    private void later(Runnable answer) {
        long ms = delayMs;
        if (ms == 0) {
            answer.run();
        } else {
            vertx.setTimer(ms, id -> answer.run());
        }
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
