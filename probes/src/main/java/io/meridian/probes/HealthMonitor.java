package io.meridian.probes;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Runs a set of probes and tracks their health. All probe state lives on one Vert.x context
 * (its own verticle); {@link #update} hops onto it, {@link #snapshot()} reads an immutable copy.
 * A probe is a {@link ProbeTarget} value: whoever asks for equal targets gets one probe.
 *
 * <pre>
 * HealthMonitor monitor = HealthMonitor.create(vertx, InstantSource.system(), new SplittableRandom(), MonitorOptions.defaults());
 * monitor.addSnapshotListener(health -> ...);          // every published snapshot
 * monitor.addListener(transition -> ...);              // status changes, on the monitor's event loop
 * monitor.addProbeListener((target, outcome, lag) -> ...); // every probe, e.g. for a duration metric
 * monitor.start().compose(v -> monitor.update(targets, Map.of()));
 * </pre>
 */
public final class HealthMonitor {
    private final Vertx vertx;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final MonitorOptions options;
    private final List<Consumer<HealthTransition>> transitionListeners = new CopyOnWriteArrayList<>();
    private final List<ProbeListener> probeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Map<ProbeTarget, ProbeHealth>>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final Bulkhead bulkhead;
    private volatile Owner owner;

    private HealthMonitor(Vertx vertx, InstantSource clock, RandomGenerator random, MonitorOptions options) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.options = Objects.requireNonNull(options, "options");
        this.bulkhead = Bulkhead.of("meridian-probes", BulkheadConfig.custom()
                .maxConcurrentCalls(options.maxConcurrentProbes())
                .maxWaitDuration(Duration.ZERO) // never block the event loop: no permit means defer
                .build());
    }

    /** @param random used on the monitor's event loop only; it need not be thread-safe */
    public static HealthMonitor create(Vertx vertx, InstantSource clock, RandomGenerator random,
                                       MonitorOptions options) {
        return new HealthMonitor(vertx, clock, random, options);
    }

    /** Deploys the monitor's verticle; probing starts with the first {@link #update}. */
    public Future<Void> start() {
        if (owner != null) {
            return Future.failedFuture(new IllegalStateException("already started"));
        }
        Owner started = new Owner();
        owner = started;
        return vertx.deployVerticle(started).map(id -> {
            started.deploymentId = id;
            return null;
        });
    }

    /**
     * Makes the probed set equal to {@code targets}. Targets already probed keep their state and
     * schedule; a new one continues the health of its seed, if any (see {@link ProbeScheduler#update}).
     *
     * @param seeds new target -> the target whose health it continues (an endpoint's edited probe)
     * @throws IllegalStateException before {@link #start()} completed
     */
    public Future<Void> update(Collection<ProbeTarget> targets, Map<ProbeTarget, ProbeTarget> seeds) {
        List<ProbeTarget> copy = List.copyOf(targets);
        Map<ProbeTarget, ProbeTarget> seedCopy = Map.copyOf(seeds);
        Owner current = owner;
        if (current == null || current.scheduler == null) {
            throw new IllegalStateException("update before start() completed");
        }
        Promise<Void> done = Promise.promise();
        current.context().runOnContext(v -> {
            current.scheduler.update(copy, seedCopy);
            done.complete();
        });
        return done.future();
    }

    /** Stops probing and closes the connections; the last snapshot stays readable. */
    public Future<Void> stop() {
        Owner current = owner;
        if (current == null || current.deploymentId == null) {
            return Future.succeededFuture();
        }
        return vertx.undeploy(current.deploymentId);
    }

    /** Called on the monitor's event loop after the snapshot that contains the transition is published. */
    public void addListener(Consumer<HealthTransition> listener) {
        transitionListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Called on the monitor's event loop after every probe. */
    public void addProbeListener(ProbeListener listener) {
        probeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Called on the monitor's event loop with every snapshot it publishes: at once for status
     * changes, at most every {@link MonitorOptions#snapshotDelay()} for counters and latency.
     */
    public void addSnapshotListener(Consumer<Map<ProbeTarget, ProbeHealth>> listener) {
        snapshotListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Every probe's health, immutable, from any thread. Status changes are in it before
     * listeners hear of them; counters and latency may lag by {@link MonitorOptions#snapshotDelay()}.
     */
    public Map<ProbeTarget, ProbeHealth> snapshot() {
        Owner current = owner;
        return current == null || current.scheduler == null ? Map.of() : current.scheduler.snapshot();
    }

    /**
     * How hard probing works: overload, stretch, event-loop delay, demand, achieved rate and capacity;
     * renewed every second, from any thread (docs/probing.md, "Overload" and "Capacity").
     */
    public ProbeLoad load() {
        Owner current = owner;
        return current == null || current.scheduler == null ? ProbeLoad.idle(ProbeCapacity.baseline(options))
                : current.scheduler.load();
    }

    /** The bulkhead capping probes in flight, e.g. to bind its metrics. */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    private final class Owner extends VerticleBase {
        volatile ProbeScheduler scheduler;
        volatile String deploymentId;
        private HttpProbe httpProbe;
        private NetClient tcp;

        Context context() {
            return context;
        }

        @Override
        public Future<?> start() {
            tcp = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setLocalAddress(options.localAddress()));
            httpProbe = new HttpProbe((VertxInternal) vertx, (ContextInternal) context, clock, options);
            TcpProbe tcpProbe = new TcpProbe(vertx, tcp, clock);
            Probe probe = target -> target.settings().protocol() == MonitorSettings.Protocol.TCP
                    ? tcpProbe.run(target) : httpProbe.run(target);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            // Read on the monitor's loop: the CPU its own thread used (-1 where the JVM cannot tell).
            LongSupplier loopCpu = threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime : () -> -1;
            ProbeScheduler created = new ProbeScheduler(new VertxTimers((ContextInternal) context), probe, clock, random, bulkhead,
                    options.snapshotDelay(), transitionListeners, probeListeners, snapshotListeners, loopCpu,
                    ProbeCapacity.baseline(options));
            created.start();
            scheduler = created;
            return Future.succeededFuture();
        }

        @Override
        public Future<?> stop() {
            scheduler.stop();
            return Future.join(httpProbe.close(), tcp.close());
        }
    }
}
