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
        return context.nettyEventLoop().schedule(() -> context.dispatch(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void cancel(Object handle) {
        if (handle != null) {
            ((ScheduledFuture<?>) handle).cancel(false);
        }
    }
}
