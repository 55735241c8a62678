package io.meridian.director.core;

import io.meridian.config.MeridianConfig;
import io.meridian.config.ProfileConfig;
import io.meridian.director.http.HttpFrontend;
import io.meridian.director.metrics.MeridianMetrics;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.Snapshot;
import io.meridian.dns.DnsResponder;
import io.meridian.dns.DnsServer;
import io.meridian.dns.DnsServerOptions;
import io.meridian.probes.HealthMonitor;
import io.meridian.probes.MonitorOptions;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
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
 * The composition root: builds the controller, the probes, the DNS and HTTP servers and the
 * config watcher, and wires them together. It owns no state of its own: the controller owns
 * the state, the front ends read its snapshots and reach it through {@link DirectorPort}.
 */
public final class Director extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(Director.class);

    private final DirectorOptions options;
    private Controller controller;
    private Commands commands;
    private MeridianMetrics metrics;
    private HealthMonitor monitor;
    private DnsServer dns;
    private ConfigFileWatcher watcher;
    private Set<ProbeTarget> probing = Set.of();
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
        HybridClock stamps = new HybridClock(options.clock(), options.node());
        metrics = new MeridianMetrics(controller::current);
        commands = new Commands(vertx, context, controller, stamps, options.clock(), options.configFile(), options.env(),
                metrics::reload);
        monitor = HealthMonitor.create(vertx, options.clock(), options.random(), MonitorOptions.defaults());
        monitor.addSnapshotListener(health -> controller.submit(new ControllerEvent.ProbeHealthChanged(health)));
        monitor.addListener(t -> {
            List<EndpointId> users = controller.current().usersOf(t.target());
            users.forEach(id -> metrics.transition(id, t.to()));
            LOG.info("{} {} -> {}: {} (probe {})", users, t.from().label(), t.to().label(), t.reason(), t.target());
        });
        monitor.addProbeListener((target, outcome, lag) -> {
            for (EndpointId id : controller.current().usersOf(target)) {
                metrics.probe(id, outcome.label(), outcome.latency());
            }
        });
        return vertx.executeBlocking(this::loadFromDisk)
                .compose(loaded -> monitor.start().map(loaded))
                .compose(loaded -> {
                    Promise<Void> started = Promise.promise();
                    context.runOnContext(v -> {
                        try {
                            startController(stamps, loaded);
                            started.complete();
                        } catch (RuntimeException e) {
                            started.fail(e);
                        }
                    });
                    return started.future();
                })
                .compose(v -> {
                    // one responder for the DNS listeners and the resolve API: they answer alike
                    DnsResponder responder = new DnsResponder(controller.current().config().dns().udpSize());
                    return startDns(responder).compose(w -> HttpFrontend.start(vertx, commands, metrics, responder));
                })
                .onSuccess(server -> {
                    httpPort = server.actualPort();
                    watcher = new ConfigFileWatcher(vertx, options.configFile(), commands::reload);
                    watcher.start(options.watchPeriod());
                    logStarted();
                });
    }

    /** The config file, its GeoIP database, and the saved operator state; on a worker. */
    private Loaded loadFromDisk() throws Exception {
        LoadedConfig config = LoadedConfig.load(options.configFile(), options.env(), null);
        StateFile file = new StateFile(config.config().stateFile());
        return new Loaded(config, file, file.load());
    }

    private record Loaded(LoadedConfig config, StateFile file, StateFile.Saved saved) { }

    /**
     * Serves the loaded config under the version it had when this text was last served (so the
     * serial never falls across a restart), or a new one when the file changed while stopped.
     */
    private void startController(HybridClock stamps, Loaded loaded) {
        OperatorState operator = loaded.saved().operator();
        ConfigVersion saved = loaded.saved().config();
        stamps.observe(operator.version());
        String sha = loaded.config().text().sha256();
        ConfigVersion version;
        if (saved != null && saved.sha256().equals(sha)) {
            version = saved;
        } else {
            if (saved != null) {
                stamps.observe(saved.stamp());
            }
            version = new ConfigVersion(stamps.next(), sha);
            vertx.executeBlocking(() -> {
                loaded.file().save(operator, version);
                return null;
            }).onFailure(e -> LOG.error("cannot save the config version to {}", loaded.file().path(), e));
        }
        ControllerInputs initial = ControllerInputs.initial(options.node(), loaded.config(), version, operator);
        OperatorState known = ControllerEvent.ConfigApplied.retainKnown(operator, initial.deployment());
        operator.overrides().keySet().stream().filter(k -> !known.overrides().containsKey(k))
                .forEach(k -> LOG.warn("ignoring the saved operator override of {}: it is not in the config", k));
        controller.onPublish(this::follow);
        follow(controller.start(initial.withOperator(known, Map.of())));
    }

    /** Points the probes and the metrics at what a new snapshot needs; on the controller's context. */
    private void follow(Snapshot snapshot) {
        Set<ProbeTarget> wanted = snapshot.users().keySet();
        if (!wanted.equals(probing)) {
            probing = wanted;
            monitor.update(wanted, snapshot.seeds());
        }
        Map<String, List<String>> endpoints = endpoints(snapshot.config());
        if (!endpoints.equals(tracked)) {
            tracked = endpoints;
            metrics.track(endpoints);
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
        Future<Void> dnsStopped = dns == null ? Future.succeededFuture() : dns.stop().otherwiseEmpty();
        return dnsStopped
                .eventually(() -> monitor.stop())
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
        List<InetSocketAddress> listen = config.dns().listen().stream().map(a -> a.toSocketAddress()).toList();
        DnsServerOptions defaults = DnsServerOptions.of(listen);
        DnsServerOptions dnsOptions = new DnsServerOptions(listen, config.dns().udpSize(), defaults.tcpIdleTimeout(),
                defaults.maxTcpConnections(), defaults.maxTcpInFlight(), defaults.instances());
        dns = DnsServer.create(vertx, dnsOptions, responder, () -> controller.current().dns(), metrics.dns());
        return dns.start();
    }

    private void logStarted() {
        Snapshot s = controller.current();
        LOG.info("director {} serving config {} (serial {})", s.node(), s.configVersion().stamp(), s.serial());
        s.table().profiles().forEach(profile -> LOG.info("profile {}: {} {} over {} endpoints, ttl {}s, detection <= {}",
                profile.name(), profile.domain(), profile.method().name().toLowerCase(Locale.ROOT),
                profile.endpoints().size(), profile.ttl().toSeconds(), s.detection().get(profile.name())));
    }

    /**
     * How to run a director.
     *
     * @param node        this director's name (overrides and logs say who made a change)
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
