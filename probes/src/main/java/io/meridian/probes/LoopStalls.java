package io.meridian.probes;

import java.time.Duration;
import java.time.Instant;

/**
 * How late the monitor's event loop ran lately, measured by a heartbeat timer: each tick records how
 * long after its due time it ran. A loop that is blocked, starved of CPU or paused by GC runs its
 * heartbeat late, and equally late reads the answers of the probes in flight. Lives on the monitor's
 * context only; a fixed ring of the last {@value #CAPACITY} ticks, so recording allocates nothing.
 */
final class LoopStalls {
    static final Duration HEARTBEAT = Duration.ofMillis(100);
    static final int CAPACITY = 4096; // 409.6 s of heartbeats: longer than any probe timeout

    private final long[] at = new long[CAPACITY]; // epoch nanos the tick ran
    private final long[] delay = new long[CAPACITY]; // nanos it ran late
    private int next;
    private int size;
    private Instant pendingDue;

    /** The heartbeat is next due at {@code due}: a loop still stalled at evaluation time counts too. */
    void expect(Instant due) {
        pendingDue = due;
    }

    /** The heartbeat due at {@code due} ran at {@code ran}. */
    void tick(Instant due, Instant ran) {
        at[next] = nanos(ran);
        delay[next] = Math.max(0, Duration.between(due, ran).toNanos());
        next = (next + 1) % CAPACITY;
        size = Math.min(CAPACITY, size + 1);
        pendingDue = null;
    }

    /**
     * The longest the loop was late in {@code (from, now]}: the ticks that ran after {@code from}, and a
     * heartbeat that is overdue at {@code now} (the loop is only now catching up).
     */
    Duration maxDelay(Instant from, Instant now) {
        long since = nanos(from);
        long max = pendingDue != null && now.isAfter(pendingDue) ? Duration.between(pendingDue, now).toNanos() : 0;
        for (int i = 1; i <= size; i++) {
            int slot = Math.floorMod(next - i, CAPACITY);
            if (at[slot] <= since) {
                break; // ticks are in time order: the rest are older
            }
            max = Math.max(max, delay[slot]);
        }
        return Duration.ofNanos(max);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
