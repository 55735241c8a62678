package io.meridian.probes;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.meridian.routing.HealthStatus;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules every probe and advances its {@link HealthState}. One slot per distinct
 * {@link ProbeTarget}: endpoints that probe the same thing share it. Every method except
 * {@link #snapshot()} runs on the monitor's single context, so nothing here locks.
 *
 * <p>Schedule: the first probe of a new or changed target starts at a random offset within its
 * interval, unless the update adds more than the start-up ramp admits at once ({@link #RAMP_SHARE}); after a success the next starts {@code interval} +-10% after the previous one started;
 * after a failure the next starts {@code retryInterval} after the failure was decided (no jitter, so
 * {@link DetectionBound} holds). A probe that finds the bulkhead full waits, in due order, for the next
 * permit to be released.
 *
 * <p>Overload (docs/probing.md): a heartbeat measures how late the event loop runs ({@link LoopStalls});
 * a timeout that coincides with the loop running more than a tenth of the timeout late is the director's
 * fault, not the gateway's ({@link FailureKind#DIRECTOR_STALLED}: health unchanged, no retry). Each second
 * the {@link OverloadGovernor} decides whether the schedule is kept; while it is not, every interval and
 * retry interval is stretched by its factor instead of probing harder.
 */
final class ProbeScheduler {
    static final double JITTER = 0.1;
    /**
     * Start-up ramp: an update that adds more targets than this share of a second's capacity (measured, else
     * the baseline) does not start them all within their interval. Every heartbeat releases the next of them
     * at the ramp rate, which starts at this share of the capacity, doubles per second of on-time heartbeats
     * (x{@link #RAMP_GROWTH} each) and halves per late one (over {@link #RAMP_LATE}). Once the targets
     * already probing ask for {@link OverloadGovernor#HEADROOM} of the measured capacity (at the current
     * stretch), the governor is told what the whole config asks ({@link OverloadGovernor#forecast}) and
     * stretches the schedule to fit (beyond the largest stretch the rest start all the same, at the ramp rate;
     * before the first measurement, at {@link #RAMP_MIN} per second).
     * A cold JIT and a burst of new connections would otherwise stall the loop for seconds; the capacity
     * measured during the ramp is the cold loop's, and the stretch decays as it grows (docs/probing.md,
     * "Start-up ramp").
     */
    static final double RAMP_SHARE = 0.125;
    /** x2 per second of heartbeats: the capacity is measured once a second, so the ramp cannot outrun it. */
    static final double RAMP_GROWTH = Math.pow(2, LoopStalls.HEARTBEAT.toNanos() / 1e9);
    static final Duration RAMP_LATE = Duration.ofMillis(50);
    /** Targets per second the ramp never goes below; its rate while the capacity is not yet measured. */
    static final double RAMP_MIN = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final Timers timers;
    private final Probe probe;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Bulkhead bulkhead;
    private final Duration snapshotDelay;
    private final List<Consumer<HealthTransition>> transitionListeners;
    private final List<ProbeListener> probeListeners;
    private final List<Consumer<Map<ProbeTarget, ProbeHealth>>> snapshotListeners;
    private final LongSupplier loopCpuNanos;
    private final LoopStalls stalls = new LoopStalls();
    private final OverloadGovernor governor;
    private final AtomicReference<ProbeLoad> load;

    private final Map<ProbeTarget, Slot> slots = new HashMap<>();
    /** The slots in the order of {@link #index}: what {@link #publish()} copies. */
    private Slot[] ordered = new Slot[0];
    private HealthSnapshot.Index index = HealthSnapshot.Index.EMPTY;
    private final AtomicReference<Map<ProbeTarget, ProbeHealth>> published = new AtomicReference<>(Map.of());
    private final List<HealthTransition> unannounced = new ArrayList<>();
    private boolean flushScheduled;
    private boolean publishScheduled;
    private boolean stopped;
    private long deferred;
    /** Probes due while the bulkhead was full, in the order they came due. */
    private final ArrayDeque<Slot> waiting = new ArrayDeque<>();
    /** New targets not yet released by the start-up ramp, in the order they were added. */
    private final ArrayDeque<Slot> starting = new ArrayDeque<>();
    private double rampRate;
    private boolean draining;
    private long excused;
    /** Probes in this window that failed for want of the director's own resources, and the last such error. */
    private long outOfResources;
    private String lastResourceError;
    private Object heartbeat;
    private int ticks;
    private Instant windowStart;
    private long windowCpu;
    private double demand;
    /** Probes/s the targets in {@link #starting} will ask for once released. */
    private double startingDemand;
    private Duration settle = Duration.ZERO;

    /** One probe's loop. */
    private static final class Slot {
        final ProbeTarget target;
        ProbeHealth health;
        Instant due;
        Object timer;
        /** False once the slot is removed or replaced: a probe in flight for it is ignored. */
        boolean live = true;

        Slot(ProbeTarget target, ProbeHealth health) {
            this.target = target;
            this.health = health;
        }
    }

    ProbeScheduler(Timers timers, Probe probe, InstantSource clock, RandomGenerator random,
                   Bulkhead bulkhead, Duration snapshotDelay, List<Consumer<HealthTransition>> transitionListeners,
                   List<ProbeListener> probeListeners, List<Consumer<Map<ProbeTarget, ProbeHealth>>> snapshotListeners,
                   LongSupplier loopCpuNanos, double baselineCapacity) {
        this.timers = timers;
        this.probe = probe;
        this.clock = clock;
        this.random = random;
        this.bulkhead = bulkhead;
        this.snapshotDelay = snapshotDelay;
        this.transitionListeners = transitionListeners;
        this.probeListeners = probeListeners;
        this.snapshotListeners = snapshotListeners;
        this.loopCpuNanos = loopCpuNanos;
        this.governor = new OverloadGovernor(baselineCapacity);
        this.load = new AtomicReference<>(ProbeLoad.idle(baselineCapacity));
    }

    /** Starts the heartbeat that measures the event loop; probing starts with {@link #update}. */
    void start() {
        windowStart = clock.instant();
        windowCpu = loopCpuNanos.getAsLong();
        scheduleHeartbeat(windowStart);
    }

    /** Safe from any thread; renewed every {@link OverloadGovernor#WINDOW}. */
    ProbeLoad load() {
        return load.get();
    }

    /** Safe from any thread. */
    Map<ProbeTarget, ProbeHealth> snapshot() {
        return published.get();
    }

    /** Probes that had to wait because the bulkhead was full. */
    long deferred() {
        return deferred;
    }

    /**
     * Makes the probed set equal to {@code targets}. Targets already probed keep state and schedule.
     * A new target starts from the health of its seed (the target its endpoint had before a reload
     * edited it), else at CHECKING; either way its schedule starts afresh, and a probe still in
     * flight for a target no longer wanted is ignored.
     *
     * @param seeds new target -> the target whose health it continues
     */
    void update(Collection<ProbeTarget> targets, Map<ProbeTarget, ProbeTarget> seeds) {
        if (stopped) {
            return;
        }
        Set<ProbeTarget> wanted = new LinkedHashSet<>(targets);
        Map<ProbeTarget, Slot> before = new HashMap<>(slots);
        Instant now = clock.instant();
        boolean changed = slots.keySet().retainAll(wanted);
        int added = 0;
        for (ProbeTarget target : wanted) {
            added += slots.containsKey(target) ? 0 : 1;
        }
        boolean ramp = !starting.isEmpty() || added > governor.capacity() * RAMP_SHARE;
        if (ramp && starting.isEmpty()) {
            rampRate = Math.max(RAMP_MIN, governor.capacity() * RAMP_SHARE);
        }
        before.forEach((target, slot) -> {
            if (!wanted.contains(target)) {
                slot.live = false;
                timers.cancel(slot.timer);
            }
        });
        for (ProbeTarget target : wanted) {
            if (slots.containsKey(target)) {
                continue;
            }
            Slot seed = before.get(seeds.get(target));
            ProbeHealth health = seed != null ? seed.health.carriedTo(target)
                    : ProbeHealth.initial(target, HealthState.initial(now));
            Slot slot = new Slot(target, health);
            slots.put(target, slot);
            if (ramp) {
                starting.add(slot); // released by the heartbeat
                startingDemand += ProbeCapacity.perSecond(target);
            } else {
                scheduleIn(slot, now, Duration.ofNanos(random.nextLong(target.settings().interval().toNanos())));
            }
            changed = true;
        }
        if (changed) {
            if (starting.removeIf(slot -> !slot.live)) {
                startingDemand = 0;
                starting.forEach(slot -> startingDemand += ProbeCapacity.perSecond(slot.target));
            }
            ordered = slots.values().toArray(new Slot[0]);
            ProbeTarget[] keys = new ProbeTarget[ordered.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ordered[i].target;
            }
            index = new HealthSnapshot.Index(keys);
            demand = ProbeCapacity.demandPerSecond(slots.keySet());
            settle = Duration.ZERO;
            for (ProbeTarget target : slots.keySet()) {
                Duration interval = target.settings().interval();
                settle = settle.compareTo(interval) >= 0 ? settle : interval;
            }
            publish();
        }
    }

    void stop() {
        stopped = true;
        timers.cancel(heartbeat);
        waiting.clear();
        starting.clear();
        startingDemand = 0;
        for (Slot slot : slots.values()) {
            timers.cancel(slot.timer);
        }
        unannounced.clear();
    }

    private void scheduleIn(Slot slot, Instant now, Duration delay) {
        slot.due = now.plus(delay);
        slot.timer = timers.schedule(delay, () -> fire(slot));
    }

    private boolean current(Slot slot) {
        return !stopped && slot.live;
    }

    private void fire(Slot slot) {
        slot.timer = null;
        if (!current(slot)) {
            return;
        }
        if (!waiting.isEmpty() || !bulkhead.tryAcquirePermission()) {
            deferred++;
            // Keep slot.due: the wait shows up as schedule lag. FIFO, so no probe starves behind later ones.
            waiting.add(slot);
            return;
        }
        run(slot);
    }

    /** Starts the probes waiting for a permit, oldest first, while permits last. */
    private void startWaiting() {
        if (draining) {
            return; // a probe that completed at once, inside run(): the loop below carries on
        }
        draining = true;
        try {
            while (!waiting.isEmpty() && !stopped) {
                Slot next = waiting.peek();
                if (!current(next)) {
                    waiting.poll();
                } else if (bulkhead.tryAcquirePermission()) {
                    waiting.poll();
                    run(next);
                } else {
                    return;
                }
            }
        } finally {
            draining = false;
        }
    }

    /** Runs a probe that holds a bulkhead permit. */
    private void run(Slot slot) {
        Instant start = clock.instant();
        Duration lag = nonNegative(Duration.between(slot.due, start));
        governor.started(lag);
        Future<ProbeOutcome> result;
        try {
            result = probe.run(slot.target);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            bulkhead.onComplete();
            ProbeOutcome outcome = ar.succeeded() ? ar.result()
                    : ProbeOutcome.failed(start, nonNegative(Duration.between(start, clock.instant())),
                    FailureKind.OTHER, 0, Failures.describe(ar.cause()));
            completed(slot, start, lag, outcome);
            startWaiting();
        });
    }

    private void completed(Slot slot, Instant start, Duration lag, ProbeOutcome outcome) {
        if (!current(slot)) {
            return; // removed, changed or stopped while in flight
        }
        ProbeTarget target = slot.target;
        MonitorSettings settings = target.settings();
        Instant now = clock.instant();
        governor.completed();
        Duration loopDelay = stalls.maxDelay(start, now);
        if (outcome.failure() == FailureKind.TIMEOUT && directorCaused(loopDelay, settings.timeout())) {
            excused++;
            ProbeOutcome stalled = ProbeOutcome.failed(outcome.time(), outcome.latency(), FailureKind.DIRECTOR_STALLED,
                    0, outcome.error() + ", while the director's event loop ran up to " + loopDelay.toMillis()
                            + " ms late: not held against the gateway");
            notifyProbeListeners(target, stalled, lag);
            scheduleNext(slot, start, now, true); // no retry: probing harder is what a late director must not do
            return;
        }
        if (outcome.failure() == FailureKind.DIRECTOR_RESOURCES) {
            // out of sockets: ours, not the gateway's; as with a stall, no retry (and a log line per second)
            outOfResources++;
            lastResourceError = outcome.error();
            notifyProbeListeners(target, outcome, lag);
            scheduleNext(slot, start, now, true);
            return;
        }
        HealthStatus from = slot.health.status();
        HealthState.Next next = slot.health.state().next(outcome, now, settings.policy());
        slot.health = slot.health.record(next, outcome);
        notifyProbeListeners(target, outcome, lag);
        if (next.change() == HealthState.Change.CHANGED) {
            unannounced.add(new HealthTransition(target, now, from, next.state().status(), next.reason()));
            scheduleFlush();
        } else {
            schedulePublish();
        }
        scheduleNext(slot, start, now, outcome.success());
    }

    /**
     * The rule of docs/probing.md: a timeout is the director's doing when its loop ran late by more than a
     * tenth of the timeout while the probe was in flight, so the gateway may have had less than 80 % of its
     * time (a late start and a late read each take up to that delay).
     */
    static boolean directorCaused(Duration loopDelay, Duration timeout) {
        return loopDelay.toNanos() > timeout.toNanos() / 10; // not multipliedBy: that goes through BigDecimal
    }

    /** After a success (or an excused timeout) an interval after the start, else a retry interval; both stretched. */
    private void scheduleNext(Slot slot, Instant start, Instant now, boolean interval) {
        MonitorSettings settings = slot.target.settings();
        double stretch = governor.stretch();
        if (interval) {
            double factor = (1 + JITTER * (2 * random.nextDouble() - 1)) * stretch;
            Instant due = start.plusNanos(Math.round(settings.interval().toNanos() * factor));
            scheduleIn(slot, now, nonNegative(Duration.between(now, due)));
        } else {
            scheduleIn(slot, now, stretch == 1 ? settings.retryInterval()
                    : Duration.ofNanos(Math.round(settings.retryInterval().toNanos() * stretch)));
        }
    }

    private void notifyProbeListeners(ProbeTarget target, ProbeOutcome outcome, Duration lag) {
        for (ProbeListener listener : probeListeners) {
            try {
                listener.probed(target, outcome, lag);
            } catch (RuntimeException e) {
                LOG.warn("probe listener failed for {}", target, e);
            }
        }
    }

    private void scheduleHeartbeat(Instant now) {
        Instant due = now.plus(LoopStalls.HEARTBEAT);
        stalls.expect(due);
        heartbeat = timers.schedule(LoopStalls.HEARTBEAT, () -> beat(due));
    }

    /** Every heartbeat records the loop's delay; every tenth ends the governor's window. */
    private void beat(Instant due) {
        heartbeat = null;
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        stalls.tick(due, now);
        if (!starting.isEmpty()) {
            release(Duration.between(due, now), now);
        }
        if (++ticks % (OverloadGovernor.WINDOW.toMillis() / LoopStalls.HEARTBEAT.toMillis()) == 0) {
            endWindow(now);
        }
        scheduleHeartbeat(now); // from now, not from due: after a stall the beats do not bunch up
    }

    /** The start-up ramp: releases the next new targets, each at a random offset within the next heartbeat. */
    private void release(Duration late, Instant now) {
        boolean full = full();
        if (full && governor.measured()) {
            double stretch = governor.stretch();
            OverloadGovernor.Change change = governor.forecast(now, demand);
            if (governor.stretch() != stretch) {
                announce(change, now, load.get().loopDelay(), load.get().achievedPerSecond());
                full = full();
            }
        }
        if (late.compareTo(RAMP_LATE) > 0) {
            rampRate = Math.max(RAMP_MIN, rampRate / 2);
        } else if (!full) {
            rampRate = Math.min(governor.capacity(), rampRate * RAMP_GROWTH);
        }
        long heartbeatNanos = LoopStalls.HEARTBEAT.toNanos();
        // Full at the largest stretch: the rest start all the same (probed less often than asked, the lag shows it);
        // full before anything is measured: a trickle until the first measurement says how far to stretch.
        boolean trickle = full && !governor.measured();
        long count = Math.max(1, Math.round((trickle ? RAMP_MIN : rampRate) * heartbeatNanos / 1e9));
        for (long i = 0; i < count && !starting.isEmpty(); ) {
            Slot slot = starting.poll();
            startingDemand -= ProbeCapacity.perSecond(slot.target);
            if (current(slot)) {
                scheduleIn(slot, now, Duration.ofNanos(random.nextLong(heartbeatNanos)));
                i++;
            }
        }
        if (starting.isEmpty()) {
            startingDemand = 0; // no rounding left over
        }
    }

    /** The targets released so far fill the capacity's headroom at the current stretch. */
    private boolean full() {
        return (demand - startingDemand) / governor.stretch() >= OverloadGovernor.HEADROOM * governor.capacity();
    }

    private void endWindow(Instant now) {
        long cpu = loopCpuNanos.getAsLong();
        Duration window = nonNegative(Duration.between(windowStart, now));
        Duration loopDelay = stalls.maxDelay(windowStart, now);
        long completedInWindow = governor.completedInWindow();
        OverloadGovernor.Change change = governor.endWindow(now, window, loopDelay,
                cpu < 0 || windowCpu < 0 ? -1 : cpu - windowCpu, settle, demand - startingDemand);
        windowStart = now;
        windowCpu = cpu;
        if (outOfResources > 0) {
            LOG.warn("{} probes in the last second could not open a connection for want of this director's own"
                    + " resources (not held against the gateways; raise the file-descriptor limit or probe less): {}",
                    outOfResources, lastResourceError);
            outOfResources = 0;
        }
        double achieved = window.isZero() ? 0 : completedInWindow * 1e9 / window.toNanos();
        announce(change, now, loopDelay, achieved);
    }

    /** Publishes the governor's state and logs an overload that started or ended. */
    private void announce(OverloadGovernor.Change change, Instant now, Duration loopDelay, double achieved) {
        ProbeLoad next = new ProbeLoad(governor.overloaded(), governor.since(), governor.stretch(), loopDelay, demand,
                achieved, governor.capacity(), governor.measured(), excused);
        ProbeLoad before = load.getAndSet(next);
        if (change == OverloadGovernor.Change.STARTED) {
            LOG.warn("probe overload started: {}; stretching every interval and retry interval x{} (config asks {}"
                    + " probes/s, {} completed in the last second, capacity about {}/s)", governor.reason(),
                    String.format("%.2f", next.stretch()), Math.round(demand), Math.round(achieved),
                    Math.round(next.capacityPerSecond()));
        } else if (change == OverloadGovernor.Change.ENDED) {
            LOG.warn("probe overload ended after {} s: the schedule is kept again at its configured intervals"
                    + " ({} timeouts excused so far as the director's own)",
                    before.since() == null ? 0 : Duration.between(before.since(), now).toSeconds(), excused);
        }
    }

    /** Transitions go out in a batch: first the snapshot that contains them, then the listeners. */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            timers.schedule(Duration.ZERO, this::flush);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (stopped) {
            return;
        }
        publish();
        List<HealthTransition> batch = List.copyOf(unannounced);
        unannounced.clear();
        for (HealthTransition transition : batch) {
            LOG.debug("{} {} -> {}: {}", transition.target(), transition.from(), transition.to(), transition.reason());
            for (Consumer<HealthTransition> listener : transitionListeners) {
                try {
                    listener.accept(transition);
                } catch (RuntimeException e) {
                    LOG.warn("health listener failed for {}", transition.target(), e);
                }
            }
        }
    }

    private void schedulePublish() {
        if (!publishScheduled) {
            publishScheduled = true;
            timers.schedule(snapshotDelay, () -> {
                publishScheduled = false;
                if (!stopped) {
                    publish();
                }
            });
        }
    }

    private void publish() {
        ProbeHealth[] values = new ProbeHealth[ordered.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ordered[i].health;
        }
        Map<ProbeTarget, ProbeHealth> snapshot = new HealthSnapshot(index, values);
        published.set(snapshot);
        for (Consumer<Map<ProbeTarget, ProbeHealth>> listener : snapshotListeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("snapshot listener failed", e);
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
