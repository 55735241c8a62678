package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meridian.probes.OverloadGovernor.Change;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The decision table of {@link OverloadGovernor}, row by row. */
class OverloadGovernorTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration LATE = Duration.ofMillis(101);

    private final OverloadGovernor governor = new OverloadGovernor(1000);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private Change window(Duration loopDelay) {
        now = now.plus(SECOND);
        return governor.endWindow(now, SECOND, loopDelay, -1, SETTLE, 0);
    }

    private Change windowWithLateProbes(int started, int late) {
        for (int i = 0; i < started; i++) {
            governor.started(i < late ? Duration.ofMillis(150) : Duration.ofMillis(1));
        }
        return window(Duration.ZERO);
    }

    @Test
    void normalLateWindowsBelowEnterAfterStayNormal() {
        assertThat(window(LATE)).isEqualTo(Change.NONE);
        assertThat(governor.overloaded()).isFalse();
        assertThat(window(Duration.ZERO)).isEqualTo(Change.NONE); // the streak is broken
        assertThat(window(LATE)).isEqualTo(Change.NONE);
        assertThat(governor.stretch()).isEqualTo(1.0);
    }

    @Test
    void normalEnterAfterLateWindowsInARowStartOverload() {
        window(LATE);
        assertThat(window(LATE)).isEqualTo(Change.STARTED);
        assertThat(governor.overloaded()).isTrue();
        assertThat(governor.since()).isEqualTo(now);
        assertThat(governor.stretch()).isEqualTo(OverloadGovernor.GROWTH);
        assertThat(governor.reason()).contains("event loop up to 101 ms late");
    }

    @Test
    void moreThanOnePercentOfLateProbesIsALateWindowAndOnePercentIsNot() {
        assertThat(windowWithLateProbes(200, 2)).isEqualTo(Change.NONE);
        assertThat(windowWithLateProbes(200, 2)).isEqualTo(Change.NONE);
        assertThat(governor.overloaded()).isFalse();
        windowWithLateProbes(200, 3);
        assertThat(windowWithLateProbes(200, 3)).isEqualTo(Change.STARTED);
    }

    @Test
    void overloadedLateWindowsGrowTheStretchOncePerTwoSettlesUpToTheMaximum() {
        window(LATE);
        window(LATE); // started: 1.25
        for (int i = 0; i < 5; i++) {
            window(LATE);
        }
        assertThat(governor.stretch()).as("grown less than 2 x settle ago").isEqualTo(OverloadGovernor.GROWTH);
        window(LATE); // 2 x settle (6 s) after the start
        assertThat(governor.stretch()).isEqualTo(OverloadGovernor.GROWTH * OverloadGovernor.GROWTH);
        for (int i = 0; i < 100; i++) {
            window(LATE);
        }
        assertThat(governor.stretch()).isEqualTo(OverloadGovernor.MAX_STRETCH);
        assertThat(governor.overloaded()).isTrue();
    }

    @Test
    void overloadedOnTimeWindowsDecayTheStretchAndEndOnlyAtOneAfterLeaveAfter() {
        window(LATE);
        window(LATE);
        double before = governor.stretch();
        assertThat(window(Duration.ZERO)).isEqualTo(Change.NONE);
        assertThat(governor.stretch()).isEqualTo(before * OverloadGovernor.DECAY);
        int windows = 1;
        Change change = Change.NONE;
        while (change == Change.NONE && windows < 1000) {
            change = window(Duration.ZERO);
            windows++;
        }
        assertThat(change).isEqualTo(Change.ENDED);
        assertThat(governor.stretch()).isEqualTo(1.0);
        assertThat(governor.since()).isNull();
        // 1.25 decays to 1 in one window at 0.8; LEAVE_AFTER on-time windows in all
        assertThat(windows).isEqualTo(OverloadGovernor.LEAVE_AFTER);
    }

    @Test
    void aLateWindowWhileOverloadedRestartsTheOnTimeCount() {
        window(LATE);
        window(LATE);
        for (int i = 0; i < 9; i++) {
            window(Duration.ZERO);
        }
        assertThat(window(LATE)).isEqualTo(Change.NONE);
        for (int i = 0; i < OverloadGovernor.LEAVE_AFTER - 1; i++) {
            assertThat(window(Duration.ZERO)).isEqualTo(Change.NONE);
        }
        assertThat(window(Duration.ZERO)).isEqualTo(Change.ENDED);
    }

    @Test
    void capacityIsProbesPerCpuSecondOfTheLoopOnceMeasured() {
        assertThat(governor.capacity()).isEqualTo(1000.0);
        assertThat(governor.measured()).isFalse();
        for (int i = 0; i < 500; i++) {
            governor.completed();
        }
        now = now.plus(SECOND);
        governor.endWindow(now, SECOND, Duration.ZERO, 100_000_000, SETTLE, 0); // 500 probes in 0.1 CPU-second
        assertThat(governor.capacity()).isEqualTo(5000.0);
        assertThat(governor.measured()).isTrue();
        governor.completed();
        now = now.plus(SECOND);
        governor.endWindow(now, SECOND, Duration.ZERO, 1_000_000, SETTLE, 0); // too little work to say anything
        assertThat(governor.capacity()).isEqualTo(5000.0);
    }

    @Test
    void theCapacityFollowsAWarmingLoopFasterThanAFallingOne() {
        measuredWindow(Duration.ZERO, 100, 100, 0); // 1,000/s: a cold loop
        measuredWindow(Duration.ZERO, 1000, 100, 0); // reads 10,000/s
        assertThat(governor.capacity()).isEqualTo(5500.0); // half of the way up
        measuredWindow(Duration.ZERO, 100, 100, 0); // reads 1,000/s
        assertThat(governor.capacity()).isEqualTo(4375.0); // a quarter of the way down
    }

    @Test
    void aColdStartStretchedByTheForecastIsBackAtTheScheduleWithinSevenWindowsOfAWarmLoop() {
        measuredWindow(Duration.ZERO, 90, 100, 0); // 900/s cold
        assertThat(governor.forecast(now, 10_000)).isEqualTo(Change.STARTED);
        assertThat(governor.stretch()).isEqualTo(OverloadGovernor.MAX_STRETCH);
        int windows = 0;
        while (governor.stretch() > 1 && windows < 30) {
            measuredWindow(Duration.ZERO, 1150, 100, 10_000); // warm: 11,500/s, on time
            windows++;
        }
        assertThat(windows).as("windows until the stretch is 1 (with the 0.25 weight upwards: 12)")
                .isLessThanOrEqualTo(7);
    }

    /** One window with {@code completed} probes done in {@code cpuMillis} of loop CPU, asking {@code demand}/s. */
    private Change measuredWindow(Duration loopDelay, int completed, long cpuMillis, double demand) {
        for (int i = 0; i < completed; i++) {
            governor.completed();
        }
        now = now.plus(SECOND);
        return governor.endWindow(now, SECOND, loopDelay, cpuMillis * 1_000_000, SETTLE, demand);
    }

    @Test
    void whileOverloadedTheStretchNeverDecaysBelowDemandOverTheCapacity() {
        // capacity 2,000/s measured (1,000 probes in 0.5 CPU-second), the targets ask 3,000/s: 3,000 / 2,000
        double floor = 1.5;
        measuredWindow(LATE, 1000, 500, 3000);
        assertThat(measuredWindow(LATE, 1000, 500, 3000)).isEqualTo(Change.STARTED);
        assertThat(governor.stretch()).as("entered at the floor, above GROWTH").isCloseTo(floor, within(1e-9));
        for (int i = 0; i < 30; i++) {
            assertThat(measuredWindow(Duration.ZERO, 1000, 500, 3000)).isEqualTo(Change.NONE);
        }
        assertThat(governor.stretch()).as("on-time windows decay to the floor, not to 1").isCloseTo(floor, within(1e-9));
        assertThat(governor.overloaded()).isTrue();
    }

    @Test
    void theFloorFollowsTheCapacityAndLetsTheOverloadEndOnceTheLoopCanKeepTheSchedule() {
        measuredWindow(LATE, 1000, 500, 3000);
        measuredWindow(LATE, 1000, 500, 3000); // started at 1.5
        // the JIT warms up: 1,000 probes in 0.2 CPU-second, 5,000/s, the smoothed capacity climbs past 3,000/s
        Change last = Change.NONE;
        for (int i = 0; i < 60 && last != Change.ENDED; i++) {
            last = measuredWindow(Duration.ZERO, 1000, 200, 3000);
        }
        assertThat(last).isEqualTo(Change.ENDED);
        assertThat(governor.stretch()).isEqualTo(1.0);
        assertThat(governor.capacity()).isGreaterThan(3000);
    }

    @Test
    void aLoopThatKeepsTheScheduleWithLessThanTheForecastsHeadroomIsNotHeldStretched() {
        measuredWindow(LATE, 1100, 100, 10_000); // 11,000/s: 10,000/s is 91 %, more than the forecast's 90 %
        measuredWindow(LATE, 1100, 100, 10_000);
        assertThat(governor.overloaded()).isTrue();
        Change last = Change.NONE;
        for (int i = 0; i < 30 && last != Change.ENDED; i++) {
            last = measuredWindow(Duration.ZERO, 1100, 100, 10_000);
        }
        assertThat(last).as("on time at x1: the overload ends (with the headroom in the floor: x1.01 for good)")
                .isEqualTo(Change.ENDED);
    }

    @Test
    void aForecastAboveTheHeadroomStartsTheOverloadAtOnceWithTheStretchThatFits() {
        assertThat(governor.forecast(now, 5000)).as("unmeasured: the baseline is a guess").isEqualTo(Change.NONE);
        assertThat(governor.overloaded()).isFalse();
        measuredWindow(Duration.ZERO, 1000, 500, 1000); // capacity 2,000/s, on time
        assertThat(governor.forecast(now, 1500)).as("within 90 % of the capacity").isEqualTo(Change.NONE);
        assertThat(governor.forecast(now, 2700)).isEqualTo(Change.STARTED);
        assertThat(governor.stretch()).isCloseTo(1.5, within(1e-9));
        assertThat(governor.reason()).contains("the config asks 2700 probes/s", "(2000/s)");
        assertThat(governor.forecast(now, 2700)).as("already stretched to fit").isEqualTo(Change.NONE);
        governor.forecast(now, 100_000);
        assertThat(governor.stretch()).isEqualTo(OverloadGovernor.MAX_STRETCH);
    }

    @Test
    void noFloorWithoutAMeasuredCapacity() {
        window(LATE);
        assertThat(governor.endWindow(now = now.plus(SECOND), SECOND, LATE, -1, SETTLE, 1_000_000))
                .isEqualTo(Change.STARTED);
        assertThat(governor.stretch()).as("the baseline is a guess: growth only").isEqualTo(OverloadGovernor.GROWTH);
    }
}
