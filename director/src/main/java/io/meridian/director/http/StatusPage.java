package io.meridian.director.http;

import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.ProbeHistory;
import io.meridian.director.state.Snapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The status page (SPEC section 11): its files at {@code /} and {@code /ui/}, served from the
 * jar under a Content-Security-Policy that allows this origin alone, and the stream it reads,
 * {@code GET /api/v1/stream}. The page changes things only through the API, with the token.
 */
final class StatusPage {
    /** Only this origin; data: images; no inline script or style, no framing. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    /** Each stream client costs a connection and a write per event: bounded. */
    static final int MAX_STREAM_CLIENTS = 32;
    /** At most four events a second: a change shows well within two seconds. */
    static final Duration STREAM_PERIOD = Duration.ofMillis(250);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final String FILES = "meridian/ui";

    private final Vertx vertx;
    private final StatusStream<Snapshot> stream;
    private long timer = -1;

    StatusPage(Vertx vertx, DirectorPort director, ProbeHistory history, InstantSource clock) {
        this.vertx = vertx;
        this.stream = new StatusStream<>(director::snapshot,
                snapshot -> StatusJson.state(snapshot, history, director.events(StatusJson.EVENTS), clock.instant())
                        .encode(),
                MAX_STREAM_CLIENTS, clock, HEARTBEAT);
    }

    void route(Router router) {
        StaticHandler files = StaticHandler.create(FILES).setIndexPage("index.html").setMaxAgeSeconds(60);
        router.get("/").handler(StatusPage::secure).handler(ctx -> ctx.reroute("/ui/"));
        router.get("/ui/*").handler(StatusPage::secure).handler(files);
        router.get("/api/v1/stream").handler(this::stream);
    }

    private static void secure(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    /** On the HTTP server's context, like every other use of the stream. */
    private void stream(RoutingContext ctx) {
        if (stream.clients() >= MAX_STREAM_CLIENTS) {
            throw new ApiError(503, "too many stream clients (at most " + MAX_STREAM_CLIENTS + "); try again later");
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
        StatusStream.Client client = new StatusStream.Client() {
            @Override
            public boolean writable() {
                return !response.writeQueueFull();
            }

            @Override
            public void send(String frame) {
                response.write(frame);
            }
        };
        response.closeHandler(v -> {
            stream.close(client);
            if (stream.clients() == 0 && timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        });
        stream.open(client);
        if (timer < 0) {
            timer = vertx.setPeriodic(STREAM_PERIOD.toMillis(), id -> stream.tick());
        }
    }
}
