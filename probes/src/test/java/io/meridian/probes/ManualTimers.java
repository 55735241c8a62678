package io.meridian.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/** {@link Timers} on a {@link MutableInstantSource}: tasks run, in due order, only when the test advances. */
final class ManualTimers implements Timers {
    private record Task(long id, Instant due, Runnable action) {
    }

    private final MutableInstantSource clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::id));
    private long nextId;

    ManualTimers(MutableInstantSource clock) {
        this.clock = clock;
    }

    @Override
    public Object schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(nextId++, clock.instant().plus(delay), task);
        queue.add(scheduled);
        return scheduled;
    }

    @Override
    public void cancel(Object handle) {
        if (handle != null) {
            queue.remove(handle);
        }
    }

    /**
     * Runs every task due up to {@code until}, moving the clock to each task's time (tasks overdue after a
     * {@link #stall} run late, at the current time), then to {@code until}.
     */
    void runUntil(Instant until) {
        while (!queue.isEmpty() && !queue.peek().due().isAfter(until)) {
            Task task = queue.poll();
            if (task.due().isAfter(clock.instant())) {
                clock.set(task.due());
            }
            task.action().run();
        }
        if (until.isAfter(clock.instant())) {
            clock.set(until);
        }
    }

    /** The event loop is blocked for {@code d}: time passes and nothing runs. */
    void stall(Duration d) {
        clock.set(clock.instant().plus(d));
    }

    void runFor(Duration d) {
        runUntil(clock.instant().plus(d));
    }

    int pending() {
        return queue.size();
    }
}
