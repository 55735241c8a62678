package io.meridian.probes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.KeyCertOptions;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A regional gateway that answers by path: {@code /ok}, {@code /fail} (500), {@code /redirect} (302),
 * {@code /slow} (never answers), {@code /reset} (closes the connection), {@code /flap} (200 and 500 by turns), {@code /body} ("status: OK"),
 * {@code /chunked} (the same in three chunks), {@code /continue} (100 Continue, then 200),
 * {@code /huge-tail} and {@code /huge-head} (64 MiB, the marker "MARKER" at the end or the start).
 * It can be stopped and restarted on the same port, and records Host headers, SNI names and connections.
 */
final class ScriptedGateway {
    static final int HUGE = 64 * 1024 * 1024;

    private final Vertx vertx;
    private final KeyCertOptions tls;
    private HttpServer server;
    private int port;
    final ConcurrentLinkedQueue<String> hosts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> serverNames = new ConcurrentLinkedQueue<>();
    final AtomicInteger hugeStarted = new AtomicInteger();
    final AtomicInteger hugeAborted = new AtomicInteger();
    final AtomicInteger hugeCompleted = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger flaps = new AtomicInteger();

    ScriptedGateway(Vertx vertx, KeyCertOptions tls) {
        this.vertx = vertx;
        this.tls = tls;
    }

    /** Listens on 127.0.0.1, on port 0 the first time and on the same port after a restart. */
    Future<Void> start() {
        return start("127.0.0.1");
    }

    Future<Void> start(String host) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
        if (tls != null) {
            options.setSsl(true).setSni(true).setKeyCertOptions(tls);
        }
        server = vertx.createHttpServer(options).requestHandler(this::handle)
                .connectionHandler(c -> connections.incrementAndGet());
        return server.listen().map(s -> {
            port = s.actualPort();
            return null;
        });
    }

    Future<Void> stop() {
        return server.close();
    }

    int port() {
        return port;
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        hosts.add(String.valueOf(request.authority()));
        if (tls != null) {
            serverNames.add(String.valueOf(request.connection().indicatedServerName()));
        }
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/ok" -> response.end("fine");
            case "/fail" -> response.setStatusCode(500).end("broken");
            case "/redirect" -> response.setStatusCode(302).putHeader("Location", "/elsewhere").end();
            case "/slow" -> {
                // Never answers; the probe's timeout must end it.
            }
            case "/reset" -> request.connection().close();
            case "/flap" -> response.setStatusCode(flaps.getAndIncrement() % 2 == 0 ? 200 : 500).end();
            case "/body" -> response.end("{\"status\": \"OK\"}");
            case "/chunked" -> { // the expected text spans chunks
                response.setChunked(true);
                response.write("{\"status\": \"O");
                response.write("K");
                response.end("\"}");
            }
            case "/continue" -> { // an informational answer first, then the real one
                response.writeContinue();
                response.end("fine");
            }
            case "/huge-tail" -> streamHuge(request, false);
            case "/huge-head" -> streamHuge(request, true);
            default -> response.setStatusCode(404).end();
        }
    }

    /** Writes {@link #HUGE} bytes respecting back-pressure, so it only completes if the client reads it all. */
    private void streamHuge(HttpServerRequest request, boolean markerFirst) {
        hugeStarted.incrementAndGet();
        HttpServerResponse response = request.response().setChunked(true);
        request.connection().closeHandler(v -> {
            if (!response.ended()) {
                hugeAborted.incrementAndGet();
            }
        });
        Buffer filler = Buffer.buffer("x".repeat(64 * 1024));
        int[] written = {0};
        if (markerFirst) {
            response.write("MARKER");
        }
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (!response.closed() && !response.writeQueueFull() && written[0] < HUGE) {
                response.write(filler);
                written[0] += filler.length();
            }
            if (response.closed()) {
                return;
            }
            if (written[0] >= HUGE) {
                response.end(markerFirst ? "" : "MARKER").onSuccess(v -> hugeCompleted.incrementAndGet());
            } else {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }
}
