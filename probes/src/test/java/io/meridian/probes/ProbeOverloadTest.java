package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.meridian.probes.FakeProbe.Behaviour;
import io.meridian.routing.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The stall-versus-timeout rule and the schedule stretching of {@link ProbeScheduler}, on the manual clock:
 * a stall is {@link ManualTimers#stall} (time passes, nothing runs), overload is a bulkhead too small for
 * the probes asked for.
 */
class ProbeOverloadTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** No failure tolerated: a single timeout held against the gateway degrades it. */
    private static final MonitorSettings SETTINGS = MonitorSettings.defaults(MonitorSettings.Protocol.HTTP)
            .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1))
            .withThresholds(0, 1);

    private final MutableInstantSource clock = new MutableInstantSource(T0);
    private final ManualTimers timers = new ManualTimers(clock);
    private final FakeProbe probe = new FakeProbe(clock, timers);
    private final List<HealthTransition> transitions = new ArrayList<>();
    private final List<ProbeOutcome> outcomes = new ArrayList<>();
    private final List<Duration> lags = new ArrayList<>();
    private ProbeScheduler scheduler;

    private ProbeScheduler scheduler(int maxConcurrent) {
        Bulkhead bulkhead = Bulkhead.of("test", BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent).maxWaitDuration(Duration.ZERO).build());
        List<Consumer<HealthTransition>> transitionListeners = new CopyOnWriteArrayList<>(List.of(transitions::add));
        List<ProbeListener> probeListeners = new CopyOnWriteArrayList<>(List.<ProbeListener>of((t, o, lag) -> {
            outcomes.add(o);
            lags.add(lag);
        }));
        ProbeScheduler created = new ProbeScheduler(timers, probe, clock, new SplittableRandom(42), bulkhead,
                Duration.ZERO, transitionListeners, probeListeners, new CopyOnWriteArrayList<>(), () -> -1, 1000);
        created.start();
        return created;
    }

    private static ProbeTarget target(String name) {
        return new ProbeTarget(name + ".example.test", "127.0.0.1", 80, SETTINGS);
    }

    /** Runs until the probe of {@code name} has started {@code count} times in all. */
    private void runUntilStarts(String name, int count) {
        for (int i = 0; i < 100_000 && probe.startsByHost.getOrDefault(name + ".example.test", List.of()).size() < count;
             i++) {
            timers.runFor(Duration.ofMillis(1));
        }
        assertThat(probe.startsByHost.get(name + ".example.test")).hasSizeGreaterThanOrEqualTo(count);
    }

    /** The gateway answers in time, but the loop is blocked for {@code stall} right after the probe starts. */
    private void stallDuringTheSecondProbe(Duration stall) {
        scheduler = scheduler(100);
        scheduler.update(List.of(target("a")), Map.of());
        runUntilStarts("a", 1);
        timers.runFor(Duration.ofMillis(10));
        assertThat(scheduler.snapshot().get(target("a")).status()).isEqualTo(HealthStatus.ONLINE);

        // What the loop sees when it is blocked: the answer is read only after the timeout timer fired.
        probe.set("a.example.test", Behaviour.down(FailureKind.TIMEOUT, SETTINGS.timeout()));
        runUntilStarts("a", 2);
        timers.runFor(Duration.ofMillis(200));
        timers.stall(stall);
        probe.set("a.example.test", Behaviour.up(Duration.ofMillis(5)));
        timers.runFor(Duration.ofSeconds(30));
    }

    @Test
    void aTimeoutWhileTheLoopStalledIsNotHeldAgainstTheGateway() {
        stallDuringTheSecondProbe(Duration.ofMillis(600)); // more than a tenth of the 5 s timeout

        assertThat(transitions).extracting(HealthTransition::to).containsExactly(HealthStatus.ONLINE);
        assertThat(outcomes).extracting(ProbeOutcome::failure).contains(FailureKind.DIRECTOR_STALLED)
                .doesNotContain(FailureKind.TIMEOUT);
        ProbeOutcome stalled = outcomes.stream().filter(o -> o.failure() == FailureKind.DIRECTOR_STALLED)
                .findFirst().orElseThrow();
        assertThat(stalled.error()).containsPattern("event loop ran up to 5[0-9]{2} ms late").contains("not held against the gateway");
        ProbeHealth health = scheduler.snapshot().get(target("a"));
        assertThat(health.failures()).isZero();
        assertThat(scheduler.load().excusedTimeouts()).isEqualTo(1);
        // No retry after an excused timeout: the next probe comes an interval (+-10 %) after the stalled one.
        List<Instant> starts = probe.startsByHost.get("a.example.test");
        assertThat(Duration.between(starts.get(1), starts.get(2))).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }

    @Test
    void aProbeTheDirectorHadNoSocketForIsNotHeldAgainstTheGateway() {
        scheduler = scheduler(100);
        scheduler.update(List.of(target("a")), Map.of());
        runUntilStarts("a", 1);
        timers.runFor(Duration.ofMillis(10));
        probe.set("a.example.test", Behaviour.down(FailureKind.DIRECTOR_RESOURCES, Duration.ZERO));
        runUntilStarts("a", 4);

        assertThat(transitions).extracting(HealthTransition::to).containsExactly(HealthStatus.ONLINE);
        assertThat(scheduler.snapshot().get(target("a")).failures()).isZero();
        assertThat(outcomes).extracting(ProbeOutcome::failure).contains(FailureKind.DIRECTOR_RESOURCES);
        // No retry: the next probe an interval (+-10 %) after the failed one, not a retry interval (1 s).
        List<Instant> starts = probe.startsByHost.get("a.example.test");
        assertThat(Duration.between(starts.get(1), starts.get(2))).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }

    @Test
    void outOfFileDescriptorsOrPortsIsTheDirectorsOwnFailureAndARefusalIsNot() throws Exception {
        assertThat(Failures.classify(new java.io.IOException("newSocketStream(..) failed: Too many open files")))
                .isEqualTo(FailureKind.DIRECTOR_RESOURCES);
        assertThat(Failures.classify(new io.netty.channel.ChannelException(
                new java.io.IOException("newSocketStream(..) failed: Too many open files in system"))))
                .isEqualTo(FailureKind.DIRECTOR_RESOURCES);
        assertThat(Failures.classify(new java.net.ConnectException(
                "connect(..) failed with error(-99):Cannot assign requested address")))
                .isEqualTo(FailureKind.DIRECTOR_RESOURCES);
        assertThat(Failures.classify(new java.net.ConnectException(
                "connect(..) failed with error(-111):Connection refused")))
                .isEqualTo(FailureKind.CONNECT_REFUSED);
        assertThat(FailureKind.DIRECTOR_RESOURCES.directorsOwn()).isTrue();
        assertThat(FailureKind.TIMEOUT.directorsOwn()).isFalse();
    }

    @Test
    void aTimeoutWithAStallBelowTheThresholdStillCounts() {
        stallDuringTheSecondProbe(Duration.ofMillis(400)); // under a tenth of the timeout: the gateway had its time

        assertThat(transitions).extracting(HealthTransition::to)
                .containsExactly(HealthStatus.ONLINE, HealthStatus.DEGRADED, HealthStatus.ONLINE);
        assertThat(transitions.get(1).reason()).contains("TIMEOUT");
        assertThat(outcomes).extracting(ProbeOutcome::failure).doesNotContain(FailureKind.DIRECTOR_STALLED);
        assertThat(scheduler.load().excusedTimeouts()).isZero();
    }

    @Test
    void theRuleComparesTheLoopDelayWithATenthOfTheTimeout() {
        assertThat(ProbeScheduler.directorCaused(Duration.ofMillis(500), Duration.ofSeconds(5))).isFalse();
        assertThat(ProbeScheduler.directorCaused(Duration.ofMillis(501), Duration.ofSeconds(5))).isTrue();
        assertThat(ProbeScheduler.directorCaused(Duration.ZERO, Duration.ofMillis(100))).isFalse();
    }

    @Test
    void overloadStretchesTheScheduleInsteadOfFailingAndEndsWhenTheLoadGoes() {
        // 10 probes in flight at most, each taking 900 ms: about 11 probes/s for 40 endpoints at 1 s.
        scheduler = scheduler(10);
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(950), Duration.ofSeconds(1));
        List<ProbeTarget> many = IntStream.range(0, 40)
                .mapToObj(i -> new ProbeTarget("e" + i + ".example.test", "127.0.0.1", 80, fast)).toList();
        many.forEach(t -> probe.set(t.hostName(), Behaviour.up(Duration.ofMillis(900))));
        scheduler.update(many, Map.of());
        timers.runFor(Duration.ofSeconds(5));

        ProbeLoad overloaded = scheduler.load();
        assertThat(overloaded.overloaded()).isTrue();
        assertThat(overloaded.since()).isNotNull();
        assertThat(overloaded.demandPerSecond()).isEqualTo(40.0);
        assertThat(lags).anyMatch(lag -> lag.compareTo(OverloadGovernor.LAG_LIMIT) > 0);

        timers.runFor(Duration.ofSeconds(25));
        ProbeLoad stretched = scheduler.load();
        assertThat(stretched.stretch()).isGreaterThan(overloaded.stretch()).isLessThanOrEqualTo(OverloadGovernor.MAX_STRETCH);
        // Stretched gaps between one endpoint's probes, and still not one failure.
        List<Instant> starts = probe.startsByHost.get("e0.example.test");
        Duration lastGap = Duration.between(starts.get(starts.size() - 2), starts.get(starts.size() - 1));
        assertThat(lastGap).isGreaterThan(Duration.ofMillis(1100));
        assertThat(transitions).extracting(HealthTransition::to).containsOnly(HealthStatus.ONLINE);
        assertThat(outcomes).allMatch(ProbeOutcome::success);

        scheduler.update(many.subList(0, 2), Map.of()); // the load goes
        timers.runFor(Duration.ofMinutes(2));
        ProbeLoad after = scheduler.load();
        assertThat(after.overloaded()).isFalse();
        assertThat(after.since()).isNull();
        assertThat(after.stretch()).isEqualTo(1.0);
        assertThat(after.demandPerSecond()).isEqualTo(2.0);
    }
}
