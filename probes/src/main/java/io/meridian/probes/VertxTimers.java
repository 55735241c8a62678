package io.meridian.probes;

import io.vertx.core.Context;
import java.time.Duration;

/** {@link Timers} on one Vert.x context; must be called on that context. */
final class VertxTimers implements Timers {
    private final Context context;

    VertxTimers(Context context) {
        this.context = context;
    }

    @Override
    public long schedule(Duration delay, Runnable task) {
        if (delay.isZero()) {
            context.runOnContext(v -> task.run());
            return -1;
        }
        return context.owner().setTimer(HttpProbe.ceilMillis(delay), id -> task.run());
    }

    @Override
    public void cancel(long id) {
        if (id >= 0) {
            context.owner().cancelTimer(id);
        }
    }
}
