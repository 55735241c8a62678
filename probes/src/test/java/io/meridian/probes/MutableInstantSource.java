package io.meridian.probes;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class MutableInstantSource implements InstantSource {
    private Instant now;

    MutableInstantSource(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("instant: " + instant + " (expected: >= " + now + ")");
        }
        now = instant;
    }

    void advance(Duration d) {
        set(now.plus(d));
    }
}
