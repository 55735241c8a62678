package io.meridian.probes;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides, once per window (a second), whether the monitor keeps its schedule, and how far to stretch it
 * when it does not. Deterministic: it sees only the counts and times it is given. On the monitor's context.
 *
 * <pre>
 * window is late when: the event loop ran more than LAG_LIMIT late, or more than 1% of the probes it started
 *                      began more than LAG_LIMIT after they were due
 *
 * state        window  condition                               next         stretch
 * normal       late    fewer than ENTER_AFTER late in a row    normal       1
 * normal       late    ENTER_AFTER late in a row               overloaded   GROWTH (logged: started)
 * normal       on time                                         normal       1
 * overloaded   late    last growth at least 2 x settle ago     overloaded   x GROWTH, at most MAX_STRETCH
 * overloaded   late    grown less than 2 x settle ago          overloaded   unchanged (the last growth has not
 *                                                                           reached the schedule yet)
 * overloaded   on time stretch > 1                             overloaded   x DECAY, at least 1 (and the floor)
 * overloaded   on time stretch = 1, LEAVE_AFTER on time        normal       1 (logged: ended)
 * </pre>
 *
 * {@code settle} is the longest interval probed: a stretched interval only shows once every probe has run
 * once more, and the backlog it drains takes about as long again; growing faster overshoots.
 *
 * <p>Floor: while overloaded, the stretch is never below {@code demand / capacity} (at most MAX_STRETCH) once
 * the capacity is measured: a smaller one asks the loop for more than it can do at all; without the floor the
 * on-time windows decayed the stretch to 1 and the next late ones grew it again, and the schedule lag swung by
 * hundreds of milliseconds for as long as the overload lasted. The floor has no headroom: it is a bound, not a
 * margin (with {@link #HEADROOM} in it, a loop that measured 11,000/s kept a 10,000/s config stretched x1.01,
 * and overloaded, for good while every window was on time); late windows still grow the stretch above it.
 *
 * <p>Forecast ({@link #forecast}): when the start-up ramp finds that the targets it has still to release
 * would take the schedule past {@link #HEADROOM} of the measured capacity, the overload starts at once, with
 * the stretch that fits the whole config into that share, rather than after the loop has fallen behind.
 */
final class OverloadGovernor {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration LAG_LIMIT = Duration.ofMillis(100);
    static final int ENTER_AFTER = 2;
    static final int LEAVE_AFTER = 10;
    static final double GROWTH = 1.25;
    /** Load fell: x1.95 is back at 1 in 3 on-time windows (at 0.95 it took 13, most of a 30 s run). */
    static final double DECAY = 0.8;
    static final double MAX_STRETCH = 4;
    /** Share of the measured capacity a schedule may use: a loop busier than this queues its reads. */
    static final double HEADROOM = 0.9;
    /** Weight of the newest window in the measured capacity, when it reads lower than the estimate. */
    static final double CAPACITY_ALPHA = 0.25;
    /**
     * Weight of a window that reads higher: a cold loop's capacity climbs as the JIT warms (about 900/s in the
     * first second to 11,000/s fresh after 10 s on the bench), and a loop held back by the stretch reads low
     * (fewer events per wake-up); at 0.25 the estimate trailed by ~10 windows and a cold start stayed stretched
     * for 20-26 s after the loop could keep the schedule. A high reading that was noise costs a late window.
     */
    static final double CAPACITY_RISE = 0.5;
    /** A window whose loop used less CPU than this says too little about the cost of a probe. */
    static final long MIN_CPU_NANOS = 20_000_000;

    enum Change { NONE, STARTED, ENDED }

    private final double baseline;
    private boolean overloaded;
    private Instant since;
    private double stretch = 1;
    private Instant grown;
    private int lateInARow;
    private int onTimeInARow;
    private double capacity;
    private boolean measured;
    private long started;
    private long late;
    private long completed;
    private String reason = "";

    /** @param baseline probes/s assumed until the first measurement */
    OverloadGovernor(double baseline) {
        this.baseline = baseline;
        this.capacity = baseline;
    }

    /** A probe started {@code lag} after it was due. */
    void started(Duration lag) {
        started++;
        if (lag.compareTo(LAG_LIMIT) > 0) {
            late++;
        }
    }

    void completed() {
        completed++;
    }

    /** Probes completed since the window began. */
    long completedInWindow() {
        return completed;
    }

    double stretch() {
        return stretch;
    }

    boolean overloaded() {
        return overloaded;
    }

    Instant since() {
        return since;
    }

    double capacity() {
        return capacity;
    }

    boolean measured() {
        return measured;
    }

    /** Why the last late window was late, for the log line. */
    String reason() {
        return reason;
    }

    /**
     * Ends a window.
     *
     * @param loopDelay the longest the event loop ran late in the window
     * @param cpuNanos  CPU time the monitor's event loop used in the window; negative when unknown
     * @param settle    the longest interval probed
     * @param demand    probes per second the targets being probed ask for (once per interval)
     */
    Change endWindow(Instant now, Duration window, Duration loopDelay, long cpuNanos, Duration settle, double demand) {
        measure(window, cpuNanos);
        double floor = measured ? Math.min(MAX_STRETCH, Math.max(1, demand / capacity)) : 1;
        boolean isLate = loopDelay.compareTo(LAG_LIMIT) > 0 || late * 100 > started;
        if (isLate) {
            reason = String.format("event loop up to %d ms late; %d of %d probes started over %d ms late",
                    loopDelay.toMillis(), late, started, LAG_LIMIT.toMillis());
        }
        started = 0;
        late = 0;
        completed = 0;
        if (!overloaded) {
            lateInARow = isLate ? lateInARow + 1 : 0;
            if (lateInARow < ENTER_AFTER) {
                return Change.NONE;
            }
            overloaded = true;
            since = now;
            stretch = Math.max(GROWTH, floor);
            grown = now;
            onTimeInARow = 0;
            return Change.STARTED;
        }
        if (isLate) {
            onTimeInARow = 0;
            if (!now.isBefore(grown.plus(settle.multipliedBy(2)))) {
                stretch = Math.min(MAX_STRETCH, stretch * GROWTH);
                grown = now;
            }
            stretch = Math.max(stretch, floor);
            return Change.NONE;
        }
        onTimeInARow++;
        stretch = Math.max(floor, stretch * DECAY);
        if (stretch > 1 || onTimeInARow < LEAVE_AFTER) {
            return Change.NONE;
        }
        overloaded = false;
        since = null;
        lateInARow = 0;
        return Change.ENDED;
    }

    /**
     * The whole config asks {@code demand} probes/s (each once per interval): if that exceeds {@link #HEADROOM}
     * of the measured capacity at the current stretch, stretch it to fit, up to {@link #MAX_STRETCH}, and start
     * the overload if it had not started. Unmeasured capacity is a guess: nothing happens.
     */
    Change forecast(Instant now, double demand) {
        double needed = measured ? Math.min(MAX_STRETCH, demand / (HEADROOM * capacity)) : 1;
        if (needed <= stretch) {
            return Change.NONE;
        }
        stretch = needed;
        grown = now;
        onTimeInARow = 0;
        if (overloaded) {
            return Change.NONE;
        }
        overloaded = true;
        since = now;
        reason = String.format("the config asks %d probes/s, more than %d %% of the measured capacity (%d/s)",
                Math.round(demand), Math.round(HEADROOM * 100), Math.round(capacity));
        return Change.STARTED;
    }

    /**
     * Capacity = probes completed per CPU-second of the monitor's event loop, i.e. what that loop does
     * at 100 % of one core; smoothed over windows, faster upwards than downwards. Windows with little work
     * are skipped.
     */
    private void measure(Duration window, long cpuNanos) {
        if (cpuNanos < MIN_CPU_NANOS || completed == 0 || window.isZero()) {
            return;
        }
        double perCpuSecond = completed / (cpuNanos / 1e9);
        double alpha = perCpuSecond > capacity ? CAPACITY_RISE : CAPACITY_ALPHA;
        capacity = measured ? alpha * perCpuSecond + (1 - alpha) * capacity : perCpuSecond;
        measured = true;
    }

    double baseline() {
        return baseline;
    }
}
