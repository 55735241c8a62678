package io.meridian.director.core;

import io.meridian.director.state.Regions;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.MeasuredLatency;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the director's state. Every input arrives as a {@link ControllerEvent}
 * on one Vert.x context; the state is one immutable {@link ControllerInputs} value; the output
 * is one immutable {@link Snapshot}, built by {@link SnapshotBuilder#build} and published
 * through an atomic reference that the DNS and HTTP sides read once per request.
 *
 * <p>Urgent events (a config, an operator change) are built and published at once. Probe
 * health arrives in bursts (a region's endpoints fail together), so those events are applied
 * at once but built once per {@code coalesce} window (ADR 0003; zero in tests).
 */
public final class Controller {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final Context context;
    private final Duration coalesce;
    private final AtomicReference<Snapshot> published = new AtomicReference<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Promise<Snapshot>> waiting = new ArrayList<>();
    private ControllerInputs inputs;
    private boolean scheduled;
    /** Measured latency for each config's regions (none until {@link #start(ControllerInputs, Function)} says). */
    private Function<Regions, MeasuredLatency> latency = regions -> MeasuredLatency.none();

    /** @param context the context that owns the state; every event is applied on it */
    Controller(Context context, Duration coalesce) {
        this.context = Objects.requireNonNull(context, "context");
        this.coalesce = Objects.requireNonNull(coalesce, "coalesce");
    }

    /** The last published snapshot, from any thread; null before {@link #start}. */
    public Snapshot current() {
        return published.get();
    }

    /** Called on the controller's context after each publish, e.g. to point the probes at a new set. */
    void onPublish(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    /** Builds and publishes the first snapshot. Throws, publishing nothing, if it does not build. */
    Snapshot start(ControllerInputs initial) {
        return start(initial, latency);
    }

    /** As {@link #start(ControllerInputs)}, with measured latency bound into every routing table built. */
    Snapshot start(ControllerInputs initial, Function<Regions, MeasuredLatency> measured) {
        requireOwner();
        latency = Objects.requireNonNull(measured, "measured");
        Snapshot first = SnapshotBuilder.build(initial, null, latency);
        inputs = initial;
        publish(first);
        return first;
    }

    /**
     * Applies an event; completes with the first snapshot that reflects it, on the controller's
     * context. An event whose snapshot does not build (a config the routing table rejects)
     * changes nothing and fails. Call from any thread.
     */
    public Future<Snapshot> submit(ControllerEvent event) {
        Promise<Snapshot> done = Promise.promise();
        context.runOnContext(v -> apply(event, done));
        return done.future();
    }

    private void apply(ControllerEvent event, Promise<Snapshot> done) {
        if (inputs == null) {
            done.fail(new IllegalStateException("event before start: " + event.getClass().getSimpleName()));
            return;
        }
        ControllerInputs candidate = event.applyTo(inputs);
        if (!event.urgent()) {
            inputs = candidate;
            waiting.add(done);
            schedule();
            return;
        }
        Snapshot next;
        try {
            next = SnapshotBuilder.build(candidate, published.get(), latency);
        } catch (RuntimeException e) {
            done.fail(e);
            return;
        }
        inputs = candidate;
        publish(next);
        done.complete(next);
    }

    private void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        if (coalesce.isZero()) {
            context.runOnContext(v -> buildScheduled());
        } else {
            context.owner().setTimer(coalesce.toMillis(), id -> buildScheduled());
        }
    }

    private void buildScheduled() {
        scheduled = false;
        List<Promise<Snapshot>> done = List.copyOf(waiting);
        waiting.clear();
        Snapshot next;
        try {
            next = SnapshotBuilder.build(inputs, published.get(), latency);
        } catch (RuntimeException e) {
            LOG.error("health update not applied: the routing table did not build", e);
            done.forEach(p -> p.fail(e));
            return;
        }
        publish(next);
        done.forEach(p -> p.complete(next));
    }

    private void publish(Snapshot next) {
        Snapshot before = published.getAndSet(next);
        if (before == next) {
            return;
        }
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("snapshot listener failed", e);
            }
        }
    }

    /** All state here belongs to the controller's context; fail loudly if not on it. */
    private void requireOwner() {
        if (Vertx.currentContext() != context) {
            throw new IllegalStateException("controller state touched off its context: " + Thread.currentThread());
        }
    }

    /** The inputs, for tests and the commands that derive the next operator state; on the context only. */
    ControllerInputs inputs() {
        requireOwner();
        return inputs;
    }
}
