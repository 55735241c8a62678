package io.meridian.director.core;

import io.meridian.config.ClusterConfig;
import io.meridian.config.ConfigText;
import io.meridian.config.IpLiterals;
import io.meridian.config.IpPort;
import io.meridian.config.MeridianConfig;
import io.meridian.config.ProfileConfig;
import io.meridian.director.cluster.ClusterNode;
import io.meridian.director.http.HttpFrontend;
import io.meridian.director.latency.LatencyService;
import io.meridian.director.state.SharedSample;
import io.meridian.director.metrics.MeridianMetrics;
import io.meridian.director.state.ClusterState;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.DirectorEvent;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.PeerView;
import io.meridian.director.state.ProbeHistory;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Snapshot;
import io.meridian.dns.DnsResponder;
import io.meridian.dns.DnsServer;
import io.meridian.dns.DnsServerOptions;
import io.meridian.dns.DnsTransport;
import io.meridian.dns.Zone;
import io.meridian.probes.FailureKind;
import io.meridian.probes.HealthMonitor;
import io.meridian.probes.MonitorOptions;
import io.meridian.probes.ProbeCapacity;
import io.meridian.probes.ProbeLoad;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.Quorum;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the controller, the probes, the DNS and HTTP servers, the config
 * watcher and (with a {@code cluster} section) the cluster node, and wires them together. It owns
 * no state of its own: the controller owns the state, the front ends read its snapshots and reach
 * it through {@link DirectorPort}.
 */
public final class Director extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(Director.class);
    /** Above this share of the probe capacity the start-up line is a warning. */
    private static final double CAPACITY_WARNING = 0.8;

    private final DirectorOptions options;
    private Controller controller;
    private Commands commands;
    private HybridClock stamps;
    private MeridianMetrics metrics;
    private HealthMonitor monitor;
    private DnsServer dns;
    private ClusterNode cluster;
    private LatencyService latency;
    private Views views;
    private ConfigFileWatcher watcher;
    private final EventLog events = new EventLog(EventLog.CAPACITY);
    /** Recent probe results for the status page, beside the snapshot: they change no routing. */
    private final ProbeHistory history = new ProbeHistory(ProbeHistory.CAPACITY);
    private Set<ProbeTarget> probing = Set.of();
    private Snapshot followed;
    private long lapseTimer = -1;
    private Instant lapseAt;
    private Map<String, List<String>> tracked = Map.of();
    private volatile int httpPort;

    private Director(DirectorOptions options) {
        this.options = options;
    }

    /** Loads the config, starts probing, DNS and HTTP; fails with {@link ConfigException} on a bad config. */
    public static Future<Director> deploy(Vertx vertx, DirectorOptions options) {
        Director director = new Director(options);
        return vertx.deployVerticle(director).map(id -> director);
    }

    @Override
    public Future<?> start() {
        controller = new Controller(context, options.coalesce());
        metrics = new MeridianMetrics(controller::current);
        return vertx.executeBlocking(this::loadFromDisk)
                .compose(loaded -> onContext(() -> prepare(loaded)).compose(v -> monitor.start())
                        .compose(v -> onContext(() -> startController(loaded)))
                        .compose(v -> latency.start())
                        .compose(v -> {
                            // one responder for the DNS listeners and the resolve API: they answer alike
                            return DnsHardening.responder(vertx, controller.current().config(), options.clock())
                                    .compose(responder -> startDns(responder).compose(w -> HttpFrontend.start(vertx,
                                            commands, metrics, responder, options.clock(), history, latency)));
                        })
                        .onSuccess(server -> {
                            httpPort = server.actualPort();
                            watcher = new ConfigFileWatcher(vertx, options.configFile(), commands::reload);
                            watcher.start(options.watchPeriod());
                            logStarted(loaded);
                        })
                        .compose(server -> loaded.own().config().cluster().isPresent() ? joinCluster(loaded) : Future.succeededFuture()));
    }

    /** Runs {@code step} on the director's context. */
    private Future<Void> onContext(Runnable step) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            try {
                step.run();
                done.complete();
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }

    /** This director's file, its GeoIP database, the saved operator state and, in a cluster, the saved cluster config. */
    private Loaded loadFromDisk() throws Exception {
        LoadedConfig own = LoadedConfig.load(options.configFile(), options.env(), null);
        StateFile file = new StateFile(own.config().stateFile());
        StateFile.Saved saved = file.load();
        if (own.config().cluster().isEmpty()) {
            return new Loaded(own, own, file, saved, null, null);
        }
        ClusterConfigFile clusterFile = new ClusterConfigFile(own.config().stateFile());
        ClusterConfigFile.Saved applied = clusterFile.load();
        if (applied == null || !applied.fileSha256().equals(own.text().sha256())) {
            return new Loaded(own, own, file, saved, clusterFile, applied); // our file changed: it is the news
        }
        try {
            LoadedConfig served = LoadedConfig.parse(new ConfigText(options.configFile(), applied.applied().text()),
                    options.env(), own, own.config());
            return new Loaded(own, served, file, saved, clusterFile, applied);
        } catch (ConfigException e) {
            LOG.error("cluster: the config {} saved in {} no longer applies here, serving this director's file instead:\n{}",
                    applied.applied().version().stamp(), clusterFile.path(), e.getMessage());
            return new Loaded(own, own, file, saved, clusterFile, null);
        }
    }

    /**
     * @param own     this director's file, read now
     * @param served  what it serves: its file, or in a cluster the config last applied (when its file did not change)
     * @param applied in a cluster, the config last applied before this start; null if none
     */
    private record Loaded(LoadedConfig own, LoadedConfig served, StateFile file, StateFile.Saved saved,
                          ClusterConfigFile clusterFile, ClusterConfigFile.Saved applied) {
        boolean fromCluster() {
            return applied != null && served != own;
        }

        String node(String fallback) {
            return own.config().cluster().map(ClusterConfig::node).orElse(fallback);
        }
    }

    /** Builds what depends on the config read: stamps, commands and the monitor (probes come from cluster.probeSource). */
    private void prepare(Loaded loaded) {
        String node = loaded.node(options.node());
        HybridClock stamps = new HybridClock(options.clock(), node);
        stamps.observe(loaded.saved().operator().version());
        if (loaded.saved().config() != null) {
            stamps.observe(loaded.saved().config().stamp());
        }
        if (loaded.applied() != null) {
            stamps.observe(loaded.applied().applied().version().stamp());
        }
        commands = new Commands(vertx, context, controller, stamps, options.clock(), options.configFile(), options.env(),
                metrics::reload, events, () -> monitor.load());
        String source = loaded.own().config().cluster().flatMap(ClusterConfig::probeSource).map(IpLiterals::format)
                .orElse(null);
        monitor = HealthMonitor.create(vertx, options.clock(), options.random(),
                MonitorOptions.defaults().withLocalAddress(source));
        metrics.probeLoad().bind(monitor::load);
        monitor.addSnapshotListener(health -> controller.submit(new ControllerEvent.ProbeHealthChanged(health)));
        monitor.addListener(t -> {
            List<EndpointId> users = controller.current().usersOf(t.target());
            users.forEach(id -> metrics.transition(id, t.to()));
            LOG.info("{} {} -> {}: {} (probe {})", users, t.from().label(), t.to().label(), t.reason(), t.target());
        });
        monitor.addProbeListener((target, outcome, lag) -> {
            if (outcome.failure() == null || !outcome.failure().directorsOwn()) {
                history.record(target, outcome); // the gateway's latencies: a stall of ours is none of them
            }
            metrics.probeLoad().lag(lag);
            for (EndpointId id : controller.current().usersOf(target)) {
                metrics.probe(id, outcome.label(), outcome.latency());
            }
        });
        this.stamps = stamps;
        // latency settings are read at start; the table's file lives beside the state file (node-local)
        MeridianConfig config = loaded.served().config();
        latency = new LatencyService(vertx, context, config.latency(), LatencyService.fileBeside(config.stateFile()),
                AtomicFiles::write, options.clock());
        metrics.latency(latency);
    }

    /**
     * Serves the loaded config under the version it had when this text was last served (so the
     * serial never falls across a restart), or a new one when the file changed while stopped.
     */
    private void startController(Loaded loaded) {
        OperatorState operator = loaded.saved().operator();
        String node = loaded.node(options.node());
        ConfigVersion version;
        ClusterState clusterState = null;
        if (loaded.clusterFile() != null) {
            SharedConfig shared = loaded.fromCluster() ? loaded.applied().applied()
                    : new SharedConfig(new ConfigVersion(stamps.next(), loaded.own().text().sha256()), node,
                    loaded.own().text().text());
            version = shared.version();
            if (!loaded.fromCluster()) {
                saveLater(() -> loaded.clusterFile().save(new ClusterConfigFile.Saved(shared, loaded.own().text().sha256())),
                        loaded.clusterFile().path());
            }
            commands.clustered(loaded.clusterFile(), loaded.own(), shared);
            clusterState = initialClusterState(loaded.own().config().cluster().orElseThrow());
        } else {
            ConfigVersion saved = loaded.saved().config();
            String sha = loaded.own().text().sha256();
            version = saved != null && saved.sha256().equals(sha) ? saved : new ConfigVersion(stamps.next(), sha);
        }
        if (!version.equals(loaded.saved().config())) {
            ConfigVersion v = version;
            saveLater(() -> loaded.file().save(operator, v), loaded.file().path());
        }
        ControllerInputs initial = ControllerInputs.initial(node, loaded.served(), version, operator, clusterState,
                options.clock().instant());
        OperatorState known = ControllerEvent.ConfigApplied.retainKnown(initial.operator(), initial.deployment());
        initial.operator().overrides().keySet().stream().filter(k -> !known.overrides().containsKey(k))
                .forEach(k -> LOG.warn("ignoring the saved operator override of {}: it is not in the config", k));
        operator.overrides().forEach((k, o) -> {
            if (!initial.operator().overrides().containsKey(k)) {
                LOG.info("the saved operator override of {} lapsed at {} while the director was down", k, o.until());
            }
        });
        controller.onPublish(this::follow);
        follow(controller.start(initial.withOperator(known, Map.of()), latency::bind));
        // overrides lapse and cluster views expire with time; an exact timer for the next lapse is set in follow
        vertx.setPeriodic(1000, id -> tick());
    }

    private void tick() {
        controller.submit(new ControllerEvent.Tick(options.clock().instant()));
    }

    private ClusterState initialClusterState(ClusterConfig c) {
        Quorum.Rule rule = switch (c.quorum()) {
            case MAJORITY -> Quorum.Rule.MAJORITY;
            case ANY -> Quorum.Rule.ANY;
        };
        Set<String> seeds = new LinkedHashSet<>();
        c.members().forEach(m -> seeds.add(m.toString()));
        return new ClusterState(c.node(), c.listen().toString(), rule, c.size(), seeds, Set.of(c.node()), Map.of(), null,
                options.clock().instant(), false);
    }

    private interface Save {
        void run() throws Exception;
    }

    private void saveLater(Save save, Path where) {
        vertx.executeBlocking(() -> {
            save.run();
            return null;
        }).onFailure(e -> LOG.error("cannot save {}", where, e));
    }

    /** Joins the cluster off the event loop; the director already serves, nothing waits for this. */
    private Future<Void> joinCluster(Loaded loaded) {
        ClusterConfig config = loaded.own().config().cluster().orElseThrow();
        cluster = new ClusterNode(config, options.clock(), new ClusterNode.Listener() {
            @Override
            public void overrides(Map<OverrideKey, OperatorOverride> overrides) {
                commands.receiveOverrides(overrides);
            }

            @Override
            public void config(SharedConfig shared) {
                commands.receiveConfig(shared);
            }

            @Override
            public void view(PeerView view) {
                controller.submit(new ControllerEvent.PeerViewReceived(view));
            }

            @Override
            public void samples(List<SharedSample> samples) {
                latency.merge(samples);
            }

            @Override
            public void membership(Set<String> reachable) {
                context.runOnContext(v -> logMembership(reachable));
                controller.submit(new ControllerEvent.MembershipChanged(reachable));
            }
        }, commands::replicated);
        views = new Views(cluster);
        return vertx.executeBlocking(() -> {
            cluster.start();
            return null;
        }).compose(v -> onContext(() -> {
            commands.attach(cluster);
            latency.attach(cluster::publishSamples);
            views.publish(controller.current(), true);
            vertx.setPeriodic(views.period(controller.current()).toMillis(), id -> views.publish(controller.current(), true));
            if (loaded.fromCluster() && controller.current().cluster().reachable().size() <= 1) {
                LOG.info("cluster: no other director reachable yet: serving the config {} and the overrides saved before"
                        + " the restart", controller.current().configVersion().stamp());
            }
        })).recover(e -> {
            LOG.error("cluster: cannot join (the director keeps serving alone)", e);
            return Future.succeededFuture();
        });
    }

    private void logMembership(Set<String> reachable) {
        ClusterState c = controller.current().cluster();
        Instant now = options.clock().instant();
        reachable.stream().filter(n -> !c.reachable().contains(n)).sorted().forEach(n ->
                events.add(new DirectorEvent(now, c.self(), DirectorEvent.Kind.CLUSTER, "director " + n + " joined", null)));
        c.reachable().stream().filter(n -> !reachable.contains(n)).sorted().forEach(n ->
                events.add(new DirectorEvent(now, c.self(), DirectorEvent.Kind.CLUSTER, "director " + n + " left or is cut off",
                        null)));
    }

    /** The start-up (and reload) line that shows the probes' headroom before it runs out. */
    private void logCapacity(Set<ProbeTarget> wanted) {
        ProbeLoad load = monitor.load();
        double demand = ProbeCapacity.demandPerSecond(wanted);
        double capacity = load.capacityPerSecond();
        String text = String.format("probes: %d, asking %.0f probes/s of the about %.0f/s this director sustains as"
                + " configured (%.0f %%; %s; GET /api/v1/probes)", wanted.size(), demand, capacity,
                100 * demand / capacity, load.measured() ? "measured" : "benchmark baseline until measured");
        if (demand > CAPACITY_WARNING * capacity) {
            LOG.warn("{}: little or no headroom, probing will be stretched under load", text);
        } else {
            LOG.info(text);
        }
    }

    /** Points the probes, the metrics and the published view at what a new snapshot needs; on the controller's context. */
    private void follow(Snapshot snapshot) {
        logTransitions(followed, snapshot);
        followed = snapshot;
        scheduleLapse(snapshot);
        Set<ProbeTarget> wanted = snapshot.users().keySet();
        if (!wanted.equals(probing)) {
            probing = wanted;
            monitor.update(wanted, snapshot.seeds());
            history.retain(wanted);
            logCapacity(wanted);
        }
        Map<String, List<String>> endpoints = endpoints(snapshot.config());
        if (!endpoints.equals(tracked)) {
            tracked = endpoints;
            metrics.track(endpoints);
        }
        if (views != null) {
            views.publish(snapshot, false);
        }
    }

    /**
     * Overrides that lapsed, and health transitions of the routing table (monitors, quorum and
     * alerts combined), into the event log.
     */
    private void logTransitions(Snapshot before, Snapshot after) {
        if (before == null || before.table() == after.table()) {
            return;
        }
        Instant now = options.clock().instant();
        before.operator().overrides().forEach((key, o) -> {
            if (!after.operator().overrides().containsKey(key) && o.until() != null && !now.isBefore(o.until())) {
                events.add(new DirectorEvent(o.until(), after.node(), key instanceof OverrideKey.Alert
                        ? DirectorEvent.Kind.ALERT : DirectorEvent.Kind.OPERATOR, key + " lapsed at its until", o.reason()));
            }
        });
        after.probes().keySet().forEach(id -> {
            HealthStatus was = before.probes().containsKey(id) ? before.table().healthOf(id) : null;
            HealthStatus is = after.table().healthOf(id);
            if (was != null && was != is) {
                String alert = after.alerted().get(id);
                String reason = alert != null ? "alert " + alert
                        : after.healthOf(id).map(h -> h.lastError()).orElse(null);
                events.add(new DirectorEvent(now, after.node(), DirectorEvent.Kind.HEALTH,
                        id + " " + was.label() + " -> " + is.label(), reason));
            }
        });
    }

    /** A timer at the next override's {@code until}, so it lapses on time rather than at the next tick. */
    private void scheduleLapse(Snapshot snapshot) {
        Instant now = options.clock().instant();
        Instant next = snapshot.operator().nextLapse(now);
        if (Objects.equals(next, lapseAt)) {
            return;
        }
        if (lapseTimer >= 0) {
            vertx.cancelTimer(lapseTimer);
            lapseTimer = -1;
        }
        lapseAt = next;
        if (next != null) {
            long delay = Math.max(1, Duration.between(now, next).toMillis() + 1);
            lapseTimer = vertx.setTimer(delay, id -> {
                lapseTimer = -1;
                lapseAt = null;
                tick();
            });
        }
    }

    private static Map<String, List<String>> endpoints(MeridianConfig config) {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (ProfileConfig p : config.profiles()) {
            endpoints.put(p.name(), p.endpoints().stream().map(e -> e.name()).toList());
        }
        return endpoints;
    }

    @Override
    public Future<?> stop() {
        if (watcher != null) {
            watcher.stop();
        }
        Future<Void> left = cluster == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            cluster.stop();
            return null;
        });
        return left.otherwiseEmpty()
                .eventually(() -> latency == null ? Future.succeededFuture() : latency.stop())
                .eventually(() -> dns == null ? Future.succeededFuture() : dns.stop().otherwiseEmpty())
                .eventually(() -> monitor == null ? Future.succeededFuture() : monitor.stop())
                // operator overrides need no save here: each is written before it is applied
                .eventually(() -> {
                    metrics.close();
                    return Future.succeededFuture();
                });
    }

    /** What the HTTP side and tests may do with this director. */
    public DirectorPort port() {
        return commands;
    }

    /** The HTTP listener's actual port. */
    public int httpPort() {
        return httpPort;
    }

    public List<InetSocketAddress> dnsAddresses() {
        return dns.boundAddresses();
    }

    private Future<Void> startDns(DnsResponder responder) {
        MeridianConfig config = controller.current().config();
        List<InetSocketAddress> listen = config.dns().listen().stream().map(IpPort::toSocketAddress).toList();
        DnsServerOptions defaults = DnsServerOptions.of(listen);
        DnsServerOptions dnsOptions = new DnsServerOptions(listen, config.dns().udpSize(), defaults.tcpIdleTimeout(),
                defaults.maxTcpConnections(), defaults.maxTcpInFlight(), defaults.instances(),
                DnsTransport.valueOf(config.dns().transport().name()));
        dns = DnsServer.create(vertx, dnsOptions, responder, () -> controller.current().dns(), metrics.dns(),
                DnsHardening.rateLimiter(config, options.clock()));
        return dns.start();
    }

    /**
     * Warns about in-zone name servers without addresses: they answer NXDOMAIN, against the glue a
     * delegation needs (docs/operations.md, "Delegate a zone"). At start and after each reload.
     */
    static void warnAboutNameserversWithoutAddresses(List<Zone> zones) {
        for (Zone zone : zones) {
            List<String> missing = zone.nameserversWithoutAddresses();
            if (!missing.isEmpty()) {
                LOG.warn("zone {}: name server(s) {} inside the zone have no addresses: they answer NXDOMAIN, which"
                        + " contradicts the glue at the parent once the zone is delegated; list them as {name, addresses}"
                        + " (docs/operations.md)", zone.name(), String.join(", ", missing));
            }
        }
    }

    private void logStarted(Loaded loaded) {
        Snapshot s = controller.current();
        warnAboutNameserversWithoutAddresses(s.dns().zones());
        LOG.info("director {} serving config {}{} (serial {})", s.node(), s.configVersion().stamp(),
                loaded.fromCluster() ? " from " + loaded.applied().applied().origin() + ", as last applied in the cluster"
                        : "", s.serial());
        s.table().profiles().forEach(profile -> LOG.info("profile {}: {} {} over {} endpoints, ttl {}s, detection <= {}",
                profile.name(), profile.domain(), profile.method().name().toLowerCase(Locale.ROOT),
                profile.endpoints().size(), profile.ttl().toSeconds(), s.detection().get(profile.name())));
    }

    /**
     * How to run a director.
     *
     * @param node        this director's name without a cluster (overrides and logs say who made a
     *                    change); in a cluster, {@code cluster.node}
     * @param coalesce    how long health changes are collected before one rebuild (ADR 0003)
     * @param watchPeriod how often the config file is checked for changes
     */
    public record DirectorOptions(Path configFile, Map<String, String> env, String node, InstantSource clock,
                                  RandomGenerator random, Duration coalesce, Duration watchPeriod) {
        public DirectorOptions {
            Objects.requireNonNull(configFile, "configFile");
            env = Map.copyOf(env);
            Objects.requireNonNull(node, "node");
        }

        /** Production settings: system clock, 20 ms coalescing, config checked every second. */
        public static DirectorOptions of(Path configFile, Map<String, String> env) {
            return new DirectorOptions(configFile, env, nodeName(env), InstantSource.system(),
                    new SplittableRandom(), Duration.ofMillis(20), Duration.ofSeconds(1));
        }

        public DirectorOptions withCoalesce(Duration coalesce) {
            return new DirectorOptions(configFile, env, node, clock, random, coalesce, watchPeriod);
        }

        public DirectorOptions withNode(String node) {
            return new DirectorOptions(configFile, env, node, clock, random, coalesce, watchPeriod);
        }

        /** The host name from the environment (no lookup), else "meridian". */
        private static String nodeName(Map<String, String> env) {
            String host = env.get("HOSTNAME");
            return host == null || host.isBlank() || host.indexOf('@') >= 0 ? "meridian" : host;
        }
    }
}
