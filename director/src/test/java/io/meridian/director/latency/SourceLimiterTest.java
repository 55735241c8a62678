package io.meridian.director.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Token buckets per source on a hand-moved clock. */
class SourceLimiterTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aBurstOfPerMinuteThenOneEveryRefill() {
        SourceLimiter limiter = new SourceLimiter(3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(1, T0)).isTrue();
        }
        assertThat(limiter.tryAcquire(1, T0)).isFalse();
        assertThat(limiter.tryAcquire(2, T0)).as("another source has its own bucket").isTrue();

        assertThat(limiter.tryAcquire(1, T0.plusSeconds(19))).isFalse();
        assertThat(limiter.tryAcquire(1, T0.plusSeconds(20))).as("a third of a minute refills one").isTrue();
        assertThat(limiter.tryAcquire(1, T0.plusSeconds(20))).isFalse();
        assertThat(limiter.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void idleSourcesGoWhenTheMapIsFull() {
        SourceLimiter limiter = new SourceLimiter(1);
        for (long s = 0; s < SourceLimiter.MAX_SOURCES; s++) {
            limiter.tryAcquire(s, T0);
        }
        assertThat(limiter.sources()).isEqualTo(SourceLimiter.MAX_SOURCES);

        limiter.tryAcquire(-1, T0.plusSeconds(61));

        assertThat(limiter.sources()).isEqualTo(1);
    }
}
