package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The monitor's timers run on a millisecond grain, so that probes due in the same millisecond share a wake-up. */
class VertxTimersTest {
    private static final long MS = VertxTimers.GRAIN_NANOS;

    @Test
    void deadlinesNearTheSameMillisecondShareIt() {
        assertThat(1_600_000 + VertxTimers.onGrain(1_600_000, 100_000)).isEqualTo(2 * MS);
        assertThat(1_000_000 + VertxTimers.onGrain(1_000_000, 1_300_000)).isEqualTo(2 * MS);
        assertThat(VertxTimers.onGrain(MS, 5 * MS)).isEqualTo(5 * MS); // on the grain already
    }

    @Test
    void aDeadlineThatRoundsIntoThePastRunsAtOnce() {
        assertThat(VertxTimers.onGrain(2_400_000, 50_000)).isZero();
    }

    @Test
    void nanoTimeMayBeNegative() {
        assertThat(-1_400_000 + VertxTimers.onGrain(-1_400_000, 100_000)).isEqualTo(-MS);
    }

    @Property
    void withinHalfAGrainOfTheDeadlineAndOnTheGrain(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long now,
            @ForAll @LongRange(min = MS, max = 3_600_000_000_000L) long delay) {
        long onGrain = VertxTimers.onGrain(now, delay);
        assertThat(onGrain).isBetween(delay - MS / 2, delay + MS / 2);
        assertThat(Math.floorMod(now + onGrain, MS)).isZero();
    }
}
