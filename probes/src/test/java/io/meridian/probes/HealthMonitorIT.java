package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.routing.HealthStatus;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole monitor on a real gateway: detection, recovery, flapping, listeners, updates. */
class HealthMonitorIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final MonitorSettings SETTINGS = MonitorSettings.defaults(MonitorSettings.Protocol.HTTP)
            .withTiming(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofMillis(100))
            .withThresholds(1, 2);

    private Vertx vertx;
    private ScriptedGateway gateway;
    private HealthMonitor monitor;
    private final ConcurrentLinkedQueue<HealthTransition> transitions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> listenerThreads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ProbeOutcome> outcomes = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        gateway = new ScriptedGateway(vertx, null);
        gateway.start().await(10, TimeUnit.SECONDS);
        monitor = HealthMonitor.create(vertx, InstantSource.system(), new SplittableRandom(7),
                MonitorOptions.defaults().withSnapshotDelay(Duration.ZERO));
        monitor.addListener(t -> {
            transitions.add(t);
            listenerThreads.add(Thread.currentThread().getName());
        });
        monitor.addProbeListener((id, outcome, lag) -> {
            outcomes.add(outcome);
            listenerThreads.add(Thread.currentThread().getName());
        });
        monitor.start().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        monitor.stop().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private ProbeTarget target(String name, String path) {
        return new ProbeTarget(name + ".example.test", "127.0.0.1", gateway.port(),
                SETTINGS.withHttp(path, "", Map.of(), true));
    }

    private HealthStatus status(String name) {
        return monitor.snapshot().values().stream().filter(h -> h.target().hostName().equals(name + ".example.test"))
                .map(ProbeHealth::status).findFirst().orElse(null);
    }

    @Test
    void detectsAStoppedGatewayAndItsRecovery() throws Exception {
        monitor.update(List.of(target("westus2", "/ok")), Map.of()).await(10, TimeUnit.SECONDS);
        assertThat(status("westus2")).isEqualTo(HealthStatus.CHECKING);
        await().atMost(DEADLINE).until(() -> status("westus2") == HealthStatus.ONLINE);

        gateway.stop().await(10, TimeUnit.SECONDS);
        await().atMost(DEADLINE).until(() -> status("westus2") == HealthStatus.DEGRADED);
        ProbeHealth degraded = monitor.snapshot().get(target("westus2", "/ok"));
        assertThat(degraded.lastError()).startsWith("CONNECT_REFUSED");
        assertThat(degraded.state().consecutiveFailures()).isGreaterThanOrEqualTo(2);

        gateway.start().await(10, TimeUnit.SECONDS);
        await().atMost(DEADLINE).until(() -> status("westus2") == HealthStatus.ONLINE);

        assertThat(transitions).extracting(HealthTransition::to)
                .containsExactly(HealthStatus.ONLINE, HealthStatus.DEGRADED, HealthStatus.ONLINE);
        assertThat(transitions).extracting(HealthTransition::reason).containsExactly("first probe succeeded",
                transitions.stream().toList().get(1).reason(), "2 consecutive successes (recoverAfter 2)");
        assertThat(transitions.stream().toList().get(1).reason())
                .startsWith("2 consecutive failures (tolerated 1): CONNECT_REFUSED");
        ProbeHealth online = monitor.snapshot().get(target("westus2", "/ok"));
        assertThat(online.smoothedLatency()).isPositive();
        assertThat(online.transitions()).isEqualTo(3);
        assertThat(online.lastFailure().failure()).isEqualTo(FailureKind.CONNECT_REFUSED);
        assertThat(online.probes()).isEqualTo(outcomes.size());
        assertThat(listenerThreads).as("one owner context").containsOnly(listenerThreads.peek());
    }

    @Test
    void flappingDoesNotFlipTheStatusOnEveryProbe() {
        ProbeTarget flappy = target("flappy", "/flap");
        monitor.update(List.of(new ProbeTarget(flappy.hostName(), flappy.connectAddress(), flappy.port(),
                flappy.settings().withThresholds(0, 2))), Map.of());
        await().atMost(DEADLINE).until(() -> outcomes.size() >= 8);

        // 200, 500, 200, 500, ...: the first success decides online, the first failure degrades
        // (nothing tolerated), and a single success never reaches recoverAfter = 2.
        assertThat(outcomes).extracting(ProbeOutcome::success).startsWith(true, false, true, false, true, false);
        assertThat(transitions).extracting(HealthTransition::to)
                .containsExactly(HealthStatus.ONLINE, HealthStatus.DEGRADED);
        assertThat(status("flappy")).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void probeIoOnOtherEventLoopsIsStillHandledOnTheMonitorLoop() throws Exception {
        HealthMonitor spread = HealthMonitor.create(vertx, InstantSource.system(), new SplittableRandom(3),
                MonitorOptions.defaults().withIoEventLoops(4).withSnapshotDelay(Duration.ZERO));
        ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ProbeOutcome> seen = new ConcurrentLinkedQueue<>();
        spread.addProbeListener((id, outcome, lag) -> {
            threads.add(Thread.currentThread().getName());
            seen.add(outcome);
        });
        spread.start().await(10, TimeUnit.SECONDS);
        try {
            spread.update(IntStream.range(0, 20).mapToObj(i -> target("e" + i, "/ok")).toList(), Map.of())
                    .await(10, TimeUnit.SECONDS);
            await().atMost(DEADLINE).until(() -> seen.size() >= 40);
            assertThat(seen).allMatch(ProbeOutcome::success);
            assertThat(threads).containsOnly(threads.peek());
        } finally {
            spread.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void updateAddsAndRemovesEndpointsWithoutTouchingTheOthers() throws Exception {
        monitor.update(List.of(target("a", "/ok"), target("b", "/fail")), Map.of()).await(10, TimeUnit.SECONDS);
        await().atMost(DEADLINE).until(() -> status("a") == HealthStatus.ONLINE && status("b") == HealthStatus.DEGRADED);
        ProbeHealth a = monitor.snapshot().get(target("a", "/ok"));

        monitor.update(List.of(target("a", "/ok"), target("c", "/ok")), Map.of()).await(10, TimeUnit.SECONDS);

        Map<ProbeTarget, ProbeHealth> snapshot = monitor.snapshot();
        assertThat(snapshot).containsOnlyKeys(target("a", "/ok"), target("c", "/ok"));
        assertThat(snapshot.get(target("a", "/ok")).probes()).isGreaterThanOrEqualTo(a.probes());
        assertThat(snapshot.get(target("a", "/ok")).transitions()).isEqualTo(1);
        await().atMost(DEADLINE).until(() -> status("c") == HealthStatus.ONLINE);
    }
}
