package io.meridian.director.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.director.state.Stamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Stamps on a manual clock. */
class HybridClockTest {
    private final AtomicLong wall = new AtomicLong(Instant.parse("2026-12-02T06:00:00.250Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(wall.get());

    @Test
    void followsTheWallClockWhenChangesAreRare() {
        HybridClock stamps = new HybridClock(clock, "westus2");
        Stamp first = stamps.next();
        wall.addAndGet(5_000);
        Stamp second = stamps.next();

        assertThat(first.millis()).isEqualTo(Instant.parse("2026-12-02T06:00:00.250Z").toEpochMilli());
        assertThat(second.millis()).isEqualTo(first.millis() + 5_000);
        assertThat(second.node()).isEqualTo("westus2");
    }

    @Test
    void everyChangeLandsInALaterSecondSoTheSerialRisesEvenInABurst() {
        HybridClock stamps = new HybridClock(clock, "westus2");
        long previous = -1;
        for (int i = 0; i < 5; i++) {
            Stamp s = stamps.next();
            assertThat(s.seconds()).isGreaterThan(previous);
            previous = s.seconds();
        }
        wall.addAndGet(60_000); // the wall catches up: stamps follow it again
        assertThat(stamps.next().millis()).isEqualTo(wall.get());
    }

    @Test
    void aStampSeenFromElsewhereOrFromDiskOrdersEveryLaterChangeAfterIt() {
        HybridClock stamps = new HybridClock(clock, "westus2");
        Stamp ahead = new Stamp(wall.get() + 3_600_000, 7, "eastasia"); // a director whose clock runs an hour fast
        stamps.observe(ahead);

        Stamp next = stamps.next();
        assertThat(next).isGreaterThan(ahead);
        assertThat(next.seconds()).isGreaterThan(ahead.seconds());
    }

    @Test
    void stampsReadBackFromTheirText() {
        Stamp s = new Stamp(Instant.parse("2026-12-02T06:00:00.123Z").toEpochMilli(), 3, "west-us.2");
        assertThat(s.toString()).isEqualTo("2026-12-02T06:00:00.123Z#3@west-us.2");
        assertThat(Stamp.parse(s.toString())).isEqualTo(s);
        assertThat(Stamp.parse(Stamp.ZERO.toString())).isEqualTo(Stamp.ZERO);
    }
}
