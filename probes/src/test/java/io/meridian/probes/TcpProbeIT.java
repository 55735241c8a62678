package io.meridian.probes;

import static io.meridian.probes.ProbeRunner.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpProbeIT {
    private static final MonitorSettings TCP = ProbeRunner.HTTP.withHttp("/", "", java.util.Map.of(), true);
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static MonitorSettings tcp() {
        return new MonitorSettings(MonitorSettings.Protocol.TCP, TCP.path(), TCP.interval(), TCP.timeout(),
                TCP.toleratedFailures(), TCP.retryInterval(), TCP.recoverAfter(), TCP.expectedStatusCodes(), "",
                TCP.headers(), true);
    }

    @Test
    void openPortSucceedsAndTheConnectionIsClosed() throws Exception {
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        NetServer server = vertx.createNetServer().connectHandler(socket -> {
            connected.incrementAndGet();
            socket.closeHandler(v -> closed.incrementAndGet());
        });
        int port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
        try (ProbeRunner runner = new ProbeRunner(vertx, MonitorOptions.defaults())) {
            ProbeOutcome outcome = runner.run(target(null, port, tcp()));
            assertThat(outcome.success()).as(outcome.toString()).isTrue();
            assertThat(outcome.statusCode()).isZero();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> closed.get() == 1);
            assertThat(connected).hasValue(1);
        } finally {
            server.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void closedPortIsConnectRefused() throws Exception {
        NetServer server = vertx.createNetServer().connectHandler(socket -> socket.close());
        int port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
        server.close().await(10, TimeUnit.SECONDS);
        try (ProbeRunner runner = new ProbeRunner(vertx, MonitorOptions.defaults())) {
            ProbeOutcome outcome = runner.run(target(null, port, tcp()));
            assertThat(outcome.failure()).as(outcome.toString()).isEqualTo(FailureKind.CONNECT_REFUSED);
        }
    }
}
