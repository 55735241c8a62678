package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.routing.HealthStatus;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor whose event loop is starved on purpose (a probe listener blocks it for 700 ms every 25th
 * probe, far longer than the 300 ms timeout) against healthy gateways in their own Vert.x instance: no
 * gateway may be marked degraded, even with no failure tolerated, and the load says what happened.
 */
class ProbeOverloadIT {
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(700);
    private static final MonitorSettings SETTINGS = MonitorSettings.defaults(MonitorSettings.Protocol.HTTP)
            .withTiming(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(100))
            .withThresholds(0, 1);

    private Vertx gateways;
    private Vertx vertx;
    private ScriptedGateway gateway;
    private HealthMonitor monitor;
    private final ConcurrentLinkedQueue<HealthTransition> transitions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<FailureKind> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong maxLagMillis = new AtomicLong();
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicBoolean starving = new AtomicBoolean(true);

    @BeforeEach
    void start() throws Exception {
        gateways = Vertx.vertx();
        gateway = new ScriptedGateway(gateways, null);
        gateway.start().await(10, TimeUnit.SECONDS);
        // The blocked-thread checker would only add noise: blocking this loop is the point of the test.
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(5).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
        monitor = HealthMonitor.create(vertx, InstantSource.system(), new SplittableRandom(11),
                MonitorOptions.defaults().withSnapshotDelay(Duration.ZERO));
        monitor.addListener(transitions::add);
        monitor.addProbeListener((target, outcome, lag) -> {
            maxLagMillis.accumulateAndGet(lag.toMillis(), Math::max);
            if (!outcome.success()) {
                failures.add(outcome.failure());
            }
            if (starving.get() && probes.incrementAndGet() % 25 == 0) {
                stalls.incrementAndGet();
                LockSupport.parkNanos(STALL_NANOS); // the stimulus: this blocks the monitor's event loop
            }
        });
        monitor.start().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        starving.set(false);
        monitor.stop().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        gateways.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aStarvedMonitorNeverDegradesAHealthyGatewayAndSaysItIsOverloaded() throws Exception {
        List<ProbeTarget> targets = IntStream.range(0, 100)
                .mapToObj(i -> new ProbeTarget("e" + i + ".example.test", "127.0.0.1", gateway.port(),
                        SETTINGS.withHttp("/ok", "", Map.of(), true)))
                .toList();
        monitor.update(targets, Map.of()).await(10, TimeUnit.SECONDS);
        AtomicBoolean sawOverload = new AtomicBoolean();
        AtomicLong maxLoopDelay = new AtomicLong();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            ProbeLoad load = monitor.load();
            maxLoopDelay.accumulateAndGet(load.loopDelay().toMillis(), Math::max);
            if (load.overloaded() && load.stretch() > 1) {
                sawOverload.set(true);
            }
            return sawOverload.get() && stalls.get() >= 10 && failures.contains(FailureKind.DIRECTOR_STALLED);
        });

        assertThat(transitions).extracting(HealthTransition::to).containsOnly(HealthStatus.ONLINE);
        assertThat(monitor.snapshot().values()).extracting(ProbeHealth::status)
                .doesNotContain(HealthStatus.DEGRADED);
        assertThat(failures).as("every failure is the director's own").containsOnly(FailureKind.DIRECTOR_STALLED);
        assertThat(monitor.load().excusedTimeouts()).isPositive();
        assertThat(maxLoopDelay.get()).as("the load saw the loop run late").isGreaterThan(300);
        assertThat(maxLagMillis.get()).as("probes started late").isGreaterThan(100);
        assertThat(monitor.load().demandPerSecond()).isEqualTo(100.0);
    }
}
