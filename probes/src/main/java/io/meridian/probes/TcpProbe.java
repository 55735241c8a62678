package io.meridian.probes;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** TCP probe: success when the connection is established within the timeout; then it is closed. */
final class TcpProbe implements Probe {
    static {
        Failures.load(); // its first use may come when the director is out of file descriptors
    }

    private final Vertx vertx;
    private final NetClient client;
    private final InstantSource clock;

    TcpProbe(Vertx vertx, NetClient client, InstantSource clock) {
        this.vertx = vertx;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public Future<ProbeOutcome> run(ProbeTarget target) {
        Instant start = clock.instant();
        Duration timeout = target.settings().timeout();
        Promise<ProbeOutcome> promise = Promise.promise();
        long timer = vertx.setTimer(HttpProbe.ceilMillis(timeout), id -> promise.tryComplete(ProbeOutcome.failed(
                start, elapsed(start), FailureKind.TIMEOUT, 0, "not connected within " + timeout)));
        ConnectOptions options = new ConnectOptions()
                .setHost(target.connectAddress())
                .setPort(target.port())
                .setTimeout((int) HttpProbe.ceilMillis(timeout));
        client.connect(options).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                ar.result().close();
                promise.tryComplete(ProbeOutcome.succeeded(start, elapsed(start), 0));
            } else {
                promise.tryComplete(ProbeOutcome.failed(start, elapsed(start), Failures.classify(ar.cause()), 0,
                        Failures.describe(ar.cause())));
            }
        });
        return promise.future();
    }

    private Duration elapsed(Instant start) {
        Duration d = Duration.between(start, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
