package io.meridian.probes;

import java.time.Duration;

/** The monitor's clock-driven callbacks; Vert.x timers in production, a manual queue in tests. */
interface Timers {
    /**
     * Runs {@code task} on the monitor's context after {@code delay} (zero = as soon as possible).
     *
     * @return a handle for {@link #cancel}; null when there is nothing to cancel
     */
    Object schedule(Duration delay, Runnable task);

    /** @param handle from {@link #schedule}, or null (nothing happens) */
    void cancel(Object handle);
}
