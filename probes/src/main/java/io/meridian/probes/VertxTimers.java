package io.meridian.probes;

import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link Timers} on one Vert.x context, as tasks on its Netty event loop's own scheduler (dispatched on the
 * context): a Vert.x timer per probe also registers a close hook and an entry in a concurrent map, which at
 * 10,000 probes/s showed in the monitor's profile. Must be called on that context.
 */
final class VertxTimers implements Timers {
    /**
     * Deadlines are rounded to the nearest whole millisecond of {@link System#nanoTime}, so the probes due in the
     * same millisecond run in one wake-up of the event loop. Exact deadlines (the epoll loop waits with nanosecond
     * timeouts) woke it once per probe, 10,000 sleeps and wake-ups a second at 10,000 probes/s, and each probe's
     * packets then found the gateway's loop asleep too: the grain took 20-27 % off the CPU per fresh probe
     * (docs/BENCHMARKS.md, issue 13). Nearest rather than up, so intervals keep their length on average (rounding
     * up made every interval half a millisecond longer, and 10,000 endpoints at 1 s came to 9,990 probes/s); a probe
     * starts up to half a millisecond early or late for it, well inside its interval's jitter.
     */
    static final long GRAIN_NANOS = 1_000_000; // 1 ms

    private final ContextInternal context;

    VertxTimers(ContextInternal context) {
        this.context = context;
    }

    @Override
    public Object schedule(Duration delay, Runnable task) {
        if (delay.isZero()) {
            context.runOnContext(v -> task.run());
            return null;
        }
        return context.nettyEventLoop().schedule(() -> context.dispatch(task), onGrain(System.nanoTime(), delay.toNanos()),
                TimeUnit.NANOSECONDS);
    }

    /** The delay from {@code now} to the whole {@link #GRAIN_NANOS} nearest {@code now + delay}; never negative. */
    static long onGrain(long now, long delay) {
        return Math.max(0, Math.floorDiv(now + delay + GRAIN_NANOS / 2, GRAIN_NANOS) * GRAIN_NANOS - now);
    }

    @Override
    public void cancel(Object handle) {
        if (handle != null) {
            ((ScheduledFuture<?>) handle).cancel(false);
        }
    }
}
