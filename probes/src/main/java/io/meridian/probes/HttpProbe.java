package io.meridian.probes;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * HTTP and HTTPS probe: GET {@code path}, check the status, then look for {@code expectBody} in at most
 * the first {@link MonitorSettings#BODY_LIMIT} bytes. One timer bounds the whole exchange.
 */
final class HttpProbe implements Probe {
    /** A connect still pending when its probe timed out gives up after this at the latest. */
    static final Duration CONNECT_CEILING = Duration.ofSeconds(10);
    /** Connections per (address, Host) pair. */
    static final int POOL_SIZE = 8;

    private final Vertx vertx;
    private final HttpClient client;
    private final InstantSource clock;
    private final ClientSSLOptions verifying;
    private final ClientSSLOptions trustingAll;

    HttpProbe(Vertx vertx, HttpClient client, InstantSource clock, TrustOptions trust) {
        this.vertx = vertx;
        this.client = client;
        this.clock = clock;
        this.verifying = new ClientSSLOptions().setTrustOptions(trust).setHostnameVerificationAlgorithm("HTTPS");
        this.trustingAll = new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("");
    }

    static HttpClientAgent createClient(Vertx vertx, MonitorOptions options) {
        HttpClientOptions http = new HttpClientOptions()
                .setKeepAlive(options.keepAlive())
                .setDecompressionSupported(false)
                .setForceSni(true)
                .setTcpNoDelay(true)
                // TCP connect ceiling only; each probe's own timer ends it sooner. Not the per-request
                // connect timeout: in Vert.x 5.0.7 that pool-waiter timer races a failing TLS handshake
                // and later breaks client.close() with "Promise already completed".
                .setConnectTimeout((int) CONNECT_CEILING.toMillis())
                .setLocalAddress(options.localAddress());
        // Vert.x keeps one pool per (address, Host) and preallocates its slots, so the size must stay
        // small: one probe is in flight per endpoint, and a few endpoints may share address and Host
        // (the same gateway in several profiles); more than POOL_SIZE of those would queue.
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(POOL_SIZE).setEventLoopSize(options.ioEventLoops());
        return vertx.createHttpClient(http, pool);
    }

    static long ceilMillis(Duration d) {
        return Math.max(1, (d.toNanos() + 999_999) / 1_000_000);
    }

    @Override
    public Future<ProbeOutcome> run(ProbeTarget target) {
        return new Exchange(target).start();
    }

    /** The state of one probe; lives on the monitor's context only. */
    private final class Exchange {
        private final ProbeTarget target;
        private final MonitorSettings settings;
        private final Instant start = clock.instant();
        private final Promise<ProbeOutcome> promise = Promise.promise();
        private HttpClientRequest request;
        private Buffer body;
        private int bytesRead;
        private long timer;

        Exchange(ProbeTarget target) {
            this.target = target;
            this.settings = target.settings();
        }

        Future<ProbeOutcome> start() {
            Duration timeout = settings.timeout();
            timer = vertx.setTimer(ceilMillis(timeout), id -> fail(FailureKind.TIMEOUT, 0,
                    "no complete answer within " + timeout));
            boolean https = settings.protocol() == MonitorSettings.Protocol.HTTPS;
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost(target.effectiveHost()) // Host header, SNI and the name the certificate must match
                    .setPort(target.port())
                    .setServer(SocketAddress.inetSocketAddress(target.port(), target.connectAddress()))
                    .setURI(settings.path())
                    .setSsl(https)
                    .setFollowRedirects(false);
            if (https) {
                options.setSslOptions(settings.tlsVerify() ? verifying : trustingAll);
            }
            for (Map.Entry<String, String> header : settings.headers().entrySet()) {
                if (!header.getKey().equalsIgnoreCase("host")) {
                    options.addHeader(header.getKey(), header.getValue());
                }
            }
            client.request(options).onComplete(ar -> {
                if (ar.failed()) {
                    fail(Failures.classify(ar.cause()), 0, Failures.describe(ar.cause()));
                    return;
                }
                request = ar.result();
                // Errors after the outcome (our own reset) are expected; before it they are the outcome.
                request.exceptionHandler(e -> fail(Failures.classify(e), 0, Failures.describe(e)));
                if (done()) { // timed out while connecting
                    request.reset();
                    return;
                }
                request.send().onComplete(response -> {
                    if (response.failed()) {
                        fail(Failures.classify(response.cause()), 0, Failures.describe(response.cause()));
                    } else {
                        onResponse(response.result());
                    }
                });
            });
            return promise.future();
        }

        private void onResponse(HttpClientResponse response) {
            int status = response.statusCode();
            // First: our own reset below must reach a handler, or Vert.x logs it as an unhandled error.
            response.exceptionHandler(e -> fail(Failures.classify(e), status, Failures.describe(e)));
            if (!settings.statusExpected(status)) {
                complete(ProbeOutcome.failed(start, elapsed(), FailureKind.BAD_STATUS, status, "status " + status
                        + " (expected: " + settings.describeExpected() + ")"), false);
                drain(response);
                return;
            }
            boolean wantBody = !settings.expectBody().isEmpty();
            if (wantBody) {
                body = Buffer.buffer();
            }
            response.handler(chunk -> {
                if (done()) {
                    return;
                }
                int take = Math.min(chunk.length(), MonitorSettings.BODY_LIMIT - bytesRead);
                bytesRead += take;
                if (wantBody) {
                    body.appendBuffer(chunk, 0, take);
                }
                if (bytesRead >= MonitorSettings.BODY_LIMIT) {
                    judge(status, true); // read no further: the rest is dropped with the connection
                }
            });
            response.endHandler(v -> judge(status, false));
        }

        /**
         * Reads and drops an error page so the exchange ends cleanly (a reset here would be
         * reported by Vert.x as an unhandled error, and would waste a keep-alive connection);
         * a body past the read limit, or one still unfinished after another timeout, is cut by
         * closing the connection.
         */
        private void drain(HttpClientResponse response) {
            // the probe's timer is done; a gateway that stalls mid-page must not hold the connection
            long deadline = vertx.setTimer(ceilMillis(settings.timeout()), id -> request.reset());
            response.endHandler(v -> vertx.cancelTimer(deadline));
            response.handler(chunk -> {
                bytesRead += chunk.length();
                if (bytesRead > MonitorSettings.BODY_LIMIT && request != null) {
                    request.reset();
                }
            });
        }

        private void judge(int status, boolean truncated) {
            String expected = settings.expectBody();
            // ISO-8859-1 maps bytes 1:1 to chars, so this is a byte-exact search for the UTF-8 text.
            if (expected.isEmpty() || body.toString(StandardCharsets.ISO_8859_1).contains(
                    new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                complete(ProbeOutcome.succeeded(start, elapsed(), status), truncated);
            } else {
                fail(FailureKind.BODY_MISMATCH, status, "body does not contain \"" + expected + "\" in its first "
                        + bytesRead + " bytes");
            }
        }

        private boolean done() {
            return promise.future().isComplete();
        }

        private void fail(FailureKind kind, int status, String error) {
            complete(ProbeOutcome.failed(start, elapsed(), kind, status, error), true);
        }

        private void complete(ProbeOutcome outcome, boolean closeConnection) {
            if (promise.tryComplete(outcome)) {
                vertx.cancelTimer(timer);
                if (closeConnection && request != null) {
                    request.reset(); // closes an HTTP/1.1 connection: no unread body, no half-done exchange
                }
            }
        }

        private Duration elapsed() {
            Duration d = Duration.between(start, clock.instant());
            return d.isNegative() ? Duration.ZERO : d;
        }
    }
}
