package io.meridian.probes;

import java.time.Duration;

/** The monitor's clock-driven callbacks; Vert.x timers in production, a manual queue in tests. */
interface Timers {
    /** Runs {@code task} on the monitor's context after {@code delay} (zero = as soon as possible). */
    long schedule(Duration delay, Runnable task);

    void cancel(long id);
}
