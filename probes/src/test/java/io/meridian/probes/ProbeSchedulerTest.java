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

/** The scheduler on a controlled clock: fake timers and a scripted probe, no threads. */
class ProbeSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final MonitorSettings SETTINGS = MonitorSettings.defaults(MonitorSettings.Protocol.HTTP)
            .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1))
            .withThresholds(3, 2);

    private final MutableInstantSource clock = new MutableInstantSource(T0);
    private final ManualTimers timers = new ManualTimers(clock);
    private final FakeProbe probe = new FakeProbe(clock, timers);
    private final List<HealthTransition> transitions = new ArrayList<>();
    private final List<Map<ProbeTarget, ProbeHealth>> snapshotsSeenByListener = new ArrayList<>();
    private ProbeScheduler scheduler = scheduler(100);

    private ProbeScheduler scheduler(int maxConcurrent) {
        return scheduler(maxConcurrent, () -> -1);
    }

    private ProbeScheduler scheduler(int maxConcurrent, java.util.function.LongSupplier loopCpuNanos) {
        Bulkhead bulkhead = Bulkhead.of("test", BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent).maxWaitDuration(Duration.ZERO).build());
        List<Consumer<HealthTransition>> listeners = new CopyOnWriteArrayList<>();
        ProbeScheduler created = new ProbeScheduler(timers, probe, clock, new SplittableRandom(42), bulkhead,
                Duration.ZERO, listeners, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), loopCpuNanos, 1000);
        created.start();
        listeners.add(t -> {
            transitions.add(t);
            snapshotsSeenByListener.add(created.snapshot());
        });
        return created;
    }

    private static ProbeTarget target(String name, MonitorSettings settings) {
        return new ProbeTarget(host(name), "127.0.0.1", 80, settings);
    }

    private static ProbeTarget target(String name) {
        return target(name, SETTINGS);
    }

    private static String host(String name) {
        return name + ".example.test";
    }

    @Test
    void degradesExactlyAtTheDetectionBoundWhenEveryFailureTakesTheWholeTimeout() {
        scheduler.update(List.of(target("a")), Map.of());
        timers.runFor(Duration.ofSeconds(30));
        assertThat(scheduler.snapshot().get(target("a")).status()).isEqualTo(HealthStatus.ONLINE);

        Instant outage = clock.instant();
        probe.set(host("a"), Behaviour.down(FailureKind.TIMEOUT, SETTINGS.timeout()));
        timers.runFor(Duration.ofSeconds(60));

        Instant firstFailingStart = probe.startsByHost.get(host("a")).stream()
                .filter(s -> !s.isBefore(outage)).findFirst().orElseThrow();
        HealthTransition degraded = transitions.stream()
                .filter(t -> t.to() == HealthStatus.DEGRADED).findFirst().orElseThrow();
        assertThat(Duration.between(firstFailingStart, degraded.time()))
                .isEqualTo(DetectionBound.worstCase(SETTINGS))
                .isEqualTo(Duration.ofSeconds(23));
        assertThat(degraded.reason()).startsWith("4 consecutive failures (tolerated 3): TIMEOUT");
    }

    @Test
    void fastFailuresAreDetectedWithinTheBound() {
        scheduler.update(List.of(target("a")), Map.of());
        timers.runFor(Duration.ofSeconds(30));
        Instant outage = clock.instant();
        probe.set(host("a"), Behaviour.down(FailureKind.CONNECT_REFUSED, Duration.ofMillis(1)));
        timers.runFor(Duration.ofSeconds(60));

        Instant firstFailingStart = probe.startsByHost.get(host("a")).stream()
                .filter(s -> !s.isBefore(outage)).findFirst().orElseThrow();
        HealthTransition degraded = transitions.stream()
                .filter(t -> t.to() == HealthStatus.DEGRADED).findFirst().orElseThrow();
        // 4 failures of 1 ms and 3 retry waits of 1 s.
        assertThat(Duration.between(firstFailingStart, degraded.time())).isEqualTo(Duration.ofMillis(3004));
    }

    @Test
    void aLargeUpdateRampsItsFirstProbesUpFromAnEighthOfTheCapacity() {
        // capacity 1,000/s (the baseline): the ramp starts at 125/s and doubles per second of heartbeats
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
        scheduler.update(IntStream.range(0, 5000).mapToObj(i -> target("e" + i, fast)).toList(), Map.of());
        timers.runFor(Duration.ofMillis(100));
        assertThat(probe.startsByHost).as("nothing before the first heartbeat").isEmpty();
        timers.runFor(Duration.ofMillis(100));
        assertThat(probe.startsByHost).as("first heartbeat: 125/s x 2^0.1 x 0.1 s").hasSize(13);
        timers.runFor(Duration.ofMillis(900));
        // ten heartbeats: 125/s x (2^0.1 + ... + 2^1.0) x 0.1 s = 13 + 14 + ... + 25
        assertThat(probe.startsByHost).as("about double the first second's rate by its end").hasSizeBetween(180, 190);
    }

    @Test
    void theRampSlowsToItsMinimumOnceTheReleasedTargetsAskForMostOfTheCapacity() {
        // 5,000 targets at 1/s against the baseline 1,000/s (not measured, so no forecast): past 900/s (HEADROOM)
        // the rest start at 100/s
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
        scheduler.update(IntStream.range(0, 5000).mapToObj(i -> target("e" + i, fast)).toList(), Map.of());
        timers.runFor(Duration.ofSeconds(10));
        int afterTen = probe.startsByHost.size();
        assertThat(afterTen).as("the ceiling was reached within a few seconds").isGreaterThan(900).isLessThan(2000);
        timers.runFor(Duration.ofSeconds(1));
        assertThat(probe.startsByHost.size() - afterTen).as("RAMP_MIN: 10 per heartbeat").isBetween(95, 105);
        timers.runFor(Duration.ofSeconds(50));
        assertThat(probe.startsByHost).as("a config larger than the capacity still starts in full").hasSize(5000);
    }

    @Test
    void aConfigAboveTheMeasuredCapacityIsStretchedToFitOnceTheRampReachesIt() {
        // the loop's CPU: 1 ms per probe started, so the measured capacity is 1,000/s; 2,000 targets ask 2,000/s
        scheduler = scheduler(100, () -> probe.startsByHost.values().stream().mapToLong(List::size).sum() * 1_000_000L);
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
        scheduler.update(IntStream.range(0, 2000).mapToObj(i -> target("e" + i, fast)).toList(), Map.of());
        timers.runFor(Duration.ofSeconds(15));
        ProbeLoad load = scheduler.load();
        assertThat(load.overloaded()).as("started by the forecast, before any late window").isTrue();
        assertThat(load.capacityPerSecond()).isCloseTo(1000, org.assertj.core.data.Offset.offset(50.0));
        // forecast: 2,000/s into 90 % of 1,000/s; on-time windows then decay it, but not below demand / capacity
        assertThat(load.stretch()).isBetween(1.95, 2000 / 900.0 + 0.05);
        assertThat(probe.startsByHost).as("all started at the ramp's rate, none left to the 100/s trickle")
                .hasSize(2000);
    }

    @Test
    void aConfigBeyondTheLargestStretchStillStartsInFullAtTheRampsRate() {
        // capacity 1,000/s measured; 10,000 targets at 1/s would need x11: stretched x4, and the rest start anyway
        scheduler = scheduler(100, () -> probe.startsByHost.values().stream().mapToLong(List::size).sum() * 1_000_000L);
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
        scheduler.update(IntStream.range(0, 10_000).mapToObj(i -> target("e" + i, fast)).toList(), Map.of());
        timers.runFor(Duration.ofSeconds(15));
        assertThat(scheduler.load().stretch()).isEqualTo(ProbeLoad.MAX_STRETCH);
        assertThat(probe.startsByHost).as("not left to a 100/s trickle (that would take 60 s more)").hasSize(10_000);
    }

    @Test
    void aLateHeartbeatHalvesTheRamp() {
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
        scheduler.update(IntStream.range(0, 5000).mapToObj(i -> target("e" + i, fast)).toList(), Map.of());
        timers.stall(Duration.ofMillis(200)); // the first heartbeat runs 100 ms late
        timers.runFor(Duration.ofMillis(100));
        // 125/s halved, but not below RAMP_MIN (100/s): 10 released instead of 16
        assertThat(probe.startsByHost).hasSize(10);
    }

    @Test
    void aSmallUpdateIsNotRamped() {
        // 100 targets, below an eighth of a second's capacity (125): all start within their interval as before
        MonitorSettings fast = SETTINGS.withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
        scheduler.update(IntStream.range(0, 100).mapToObj(i -> target("e" + i, fast)).toList(), Map.of());
        timers.runFor(Duration.ofMillis(99)); // the ramp would release nothing before the first heartbeat
        assertThat(probe.startsByHost).isNotEmpty(); // about 10 expected
        timers.runFor(Duration.ofMillis(901));
        assertThat(probe.startsByHost).hasSize(100);
    }

    @Test
    void firstProbesAreStaggeredOverTheInterval() {
        scheduler.update(IntStream.range(0, 120).mapToObj(i -> target("e" + i, SETTINGS)).toList(), Map.of());
        timers.runFor(SETTINGS.interval());

        assertThat(probe.startsByHost).hasSize(120);
        List<Instant> firsts = probe.startsByHost.values().stream().map(l -> l.get(0)).toList();
        assertThat(firsts).allMatch(s -> s.isBefore(T0.plus(SETTINGS.interval())));
        // Spread: every tenth of the interval got some first probes.
        for (int tenth = 0; tenth < 10; tenth++) {
            Instant from = T0.plusSeconds(tenth);
            Instant to = from.plusSeconds(1);
            assertThat(firsts).anyMatch(s -> !s.isBefore(from) && s.isBefore(to));
        }
    }

    @Test
    void successesRepeatAfterTheIntervalWithJitterAndOneProbeInFlight() {
        probe.set(host("a"), Behaviour.up(Duration.ofMillis(9_500))); // slow but successful
        scheduler.update(List.of(target("a")), Map.of());
        timers.runFor(Duration.ofMinutes(10));

        List<Instant> starts = probe.startsByHost.get(host("a"));
        assertThat(starts).hasSizeGreaterThan(50);
        for (int i = 1; i < starts.size(); i++) {
            Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
            assertThat(gap).isBetween(Duration.ofMillis(9_500), Duration.ofSeconds(11));
        }
        assertThat(probe.maxInFlight).isEqualTo(1);
        assertThat(starts.stream().map(s -> Duration.between(T0, s).toMillis() % 10_000).distinct().count())
                .as("jitter moves the phase").isGreaterThan(10);
    }

    @Test
    void recoversAfterRecoverAfterSuccessesProbedEveryInterval() {
        probe.set(host("a"), Behaviour.down(FailureKind.BAD_STATUS, Duration.ofMillis(2)));
        scheduler.update(List.of(target("a")), Map.of());
        timers.runFor(Duration.ofSeconds(20));
        assertThat(scheduler.snapshot().get(target("a")).status()).isEqualTo(HealthStatus.DEGRADED);

        probe.set(host("a"), Behaviour.up(Duration.ofMillis(2)));
        timers.runFor(Duration.ofSeconds(25));

        assertThat(transitions).extracting(HealthTransition::to)
                .containsExactly(HealthStatus.DEGRADED, HealthStatus.ONLINE);
        assertThat(transitions.get(1).reason()).isEqualTo("2 consecutive successes (recoverAfter 2)");
    }

    @Test
    void updateKeepsUnchangedEndpointsAndRestartsChangedOnes() {
        scheduler.update(List.of(target("keep"), target("change"), target("drop")), Map.of());
        probe.set(host("change"), Behaviour.down(FailureKind.TIMEOUT, Duration.ofMillis(1)));
        timers.runFor(Duration.ofSeconds(35));
        ProbeHealth keepBefore = scheduler.snapshot().get(target("keep"));
        ProbeHealth changeBefore = scheduler.snapshot().get(target("change"));
        int keepProbes = probe.startsByHost.get(host("keep")).size();
        int dropProbes = probe.startsByHost.get(host("drop")).size();

        MonitorSettings changed = SETTINGS.withHttp("/other", "", Map.of(), true);
        ProbeTarget edited = target("change", changed);
        scheduler.update(List.of(target("keep"), edited, target("new")), Map.of(edited, target("change")));
        Map<ProbeTarget, ProbeHealth> after = scheduler.snapshot();

        assertThat(after).containsOnlyKeys(target("keep"), edited, target("new"));
        assertThat(after.get(target("keep"))).isSameAs(keepBefore);
        assertThat(after.get(edited).state()).isEqualTo(changeBefore.state());
        assertThat(after.get(edited).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(after.get(edited).target()).isEqualTo(edited);
        assertThat(after.get(target("new")).status()).isEqualTo(HealthStatus.CHECKING);

        timers.runFor(Duration.ofSeconds(30));
        assertThat(probe.startsByHost.get(host("drop"))).hasSize(dropProbes);
        assertThat(probe.startsByHost.get(host("keep")).size()).isBetween(keepProbes + 2, keepProbes + 4);
        assertThat(scheduler.snapshot().get(target("keep")).probes()).isGreaterThan(keepBefore.probes());
    }

    @Test
    void equalTargetsAskedForTwiceAreOneProbe() {
        scheduler.update(List.of(target("a"), target("a"), target("b")), Map.of());
        timers.runFor(Duration.ofSeconds(55));

        assertThat(scheduler.snapshot()).containsOnlyKeys(target("a"), target("b"));
        assertThat(probe.startsByHost.get(host("a"))).hasSizeBetween(5, 6); // one probe per 10 s interval
    }

    @Test
    void listenersSeeASnapshotThatAlreadyHoldsTheTransition() {
        scheduler.update(List.of(target("a")), Map.of());
        timers.runFor(SETTINGS.interval());

        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(HealthStatus.CHECKING);
            assertThat(t.to()).isEqualTo(HealthStatus.ONLINE);
            assertThat(t.reason()).isEqualTo("first probe succeeded");
        });
        assertThat(snapshotsSeenByListener.get(0).get(target("a")).status()).isEqualTo(HealthStatus.ONLINE);
        assertThat(snapshotsSeenByListener.get(0).get(target("a")).transitions()).isEqualTo(1);
    }

    @Test
    void aFullBulkheadDefersProbesInsteadOfFailingThem() {
        scheduler = scheduler(1);
        probe.set(host("a"), Behaviour.up(Duration.ofSeconds(4)));
        probe.set(host("b"), Behaviour.up(Duration.ofSeconds(4)));
        scheduler.update(List.of(target("a"), target("b")), Map.of());
        timers.runFor(Duration.ofMinutes(2));

        Map<ProbeTarget, ProbeHealth> snapshot = scheduler.snapshot();
        assertThat(probe.maxInFlight).isEqualTo(1);
        assertThat(snapshot.values()).allSatisfy(h -> {
            assertThat(h.failures()).isZero();
            assertThat(h.probes()).isGreaterThan(5);
            assertThat(h.status()).isEqualTo(HealthStatus.ONLINE);
        });
        assertThat(scheduler.deferred()).isPositive();
    }

    @Test
    void stopCancelsEveryTimer() {
        scheduler.update(IntStream.range(0, 10).mapToObj(i -> target("e" + i, SETTINGS)).toList(), Map.of());
        timers.runFor(Duration.ofSeconds(15));
        scheduler.stop();
        int probes = probe.starts.size();
        timers.runFor(Duration.ofMinutes(1));
        assertThat(probe.starts).hasSize(probes);
        assertThat(timers.pending()).isZero();
    }
}
