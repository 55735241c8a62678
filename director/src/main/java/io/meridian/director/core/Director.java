package io.meridian.director.core;

import io.meridian.config.MeridianConfig;
import io.meridian.director.metrics.MeridianMetrics;
import io.meridian.director.state.OperatorOverrides;
import io.meridian.director.state.StateFile;
import io.meridian.dns.DnsServer;
import io.meridian.dns.DnsServerOptions;
import io.meridian.probes.EndpointHealth;
import io.meridian.probes.HealthMonitor;
import io.meridian.probes.MonitorOptions;
import io.meridian.routing.EndpointId;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: config -> probes -> health -> routing table -> DNS and HTTP. The
 * composition root; everything stateful runs on this verticle's context, and changes
 * (overrides, reloads) are applied one at a time in arrival order.
 */
public final class Director extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(Director.class);

    private final DirectorOptions options;
    private MeridianMetrics metrics;
    private HealthMonitor monitor;
    private RoutingPublisher publisher;
    private DnsServer dns;
    private StateFile stateFile;
    private LoadedConfig loaded;
    private Future<?> tail = Future.succeededFuture();
    private volatile int httpPort;
    private volatile boolean ready;
    private ConfigFileWatcher watcher;

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
        metrics = new MeridianMetrics(() -> publisher.current().table());
        monitor = HealthMonitor.create(vertx, options.clock(), options.random(), MonitorOptions.defaults());
        publisher = new RoutingPublisher(context, monitor::snapshot, options.coalesce());
        monitor.addListener(t -> {
            metrics.transition(t.id(), t.to());
            LOG.info("{} {} -> {}: {}", t.id(), t.from().label(), t.to().label(), t.reason());
            publisher.healthChanged();
        });
        monitor.addProbeListener((id, outcome, lag) -> metrics.probe(id, outcome.label(), outcome.latency()));

        return vertx.executeBlocking(() -> LoadedConfig.load(options.configFile(), options.env(), null))
                .compose(config -> vertx.executeBlocking(() -> new StateFile(config.config().stateFile()).load())
                        .compose(saved -> onContext(monitor.start()).compose(v -> install(config, saved))))
                .compose(v -> startDns())
                .compose(v -> io.meridian.director.http.HttpFrontend.start(vertx, this))
                .onSuccess(server -> {
                    httpPort = server.actualPort();
                    watcher = new ConfigFileWatcher(vertx, options.configFile(), this::reload);
                    watcher.start(options.watchPeriod());
                    logStarted();
                });
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

    public Published current() {
        return publisher.current();
    }

    public Map<EndpointId, EndpointHealth> health() {
        return monitor.snapshot();
    }

    public MeridianMetrics metrics() {
        return metrics;
    }

    public MeridianConfig meridianConfig() {
        return publisher.current().deployment().config();
    }

    /** The HTTP listener's actual port. */
    public int httpPort() {
        return httpPort;
    }

    public List<InetSocketAddress> dnsAddresses() {
        return dns.boundAddresses();
    }

    /**
     * Ready once every probed endpoint had a first result; latched, so endpoints added later
     * by a reload or an operator do not take a serving director out of its load balancer.
     */
    public boolean ready() {
        if (ready) {
            return true;
        }
        Published p = publisher.current();
        if (p == null) {
            return false;
        }
        Map<EndpointId, EndpointHealth> health = monitor.snapshot();
        ready = p.deployment().probed().stream().allMatch(id -> {
            EndpointHealth h = health.get(id);
            return h != null && h.lastOutcome() != null;
        });
        return ready;
    }

    /**
     * Enables or disables an endpoint for operators: saved to the state file first, then
     * applied to answers. Fails with {@link IllegalArgumentException} for an unknown endpoint.
     */
    public Future<Published> setEnabled(EndpointId id, boolean enabled) {
        return serially(() -> {
            Published p = publisher.current();
            var endpoint = p.deployment().config().profile(id.profile()).flatMap(pr -> pr.endpoint(id.endpoint()));
            if (endpoint.isEmpty()) {
                return Future.failedFuture(new IllegalArgumentException("no endpoint " + id));
            }
            OperatorOverrides next = p.overrides().with(id, enabled, endpoint.get().enabled());
            return vertx.executeBlocking(() -> {
                stateFile.save(next);
                return next;
            }).compose(saved -> install(loaded, saved)).map(v -> {
                LOG.info("{} {} by operator", id, enabled ? "enabled" : "disabled");
                return publisher.current();
            });
        });
    }

    /**
     * Re-reads the config file; an invalid one keeps the running config and is reported in
     * the result. Fails only on an unexpected error, which also keeps the running config.
     */
    public Future<ReloadResult> reload() {
        return serially(() -> vertx.executeBlocking(() -> LoadedConfig.load(options.configFile(), options.env(), loaded))
                .compose(next -> {
                    warnAboutListenerChanges(next.config());
                    return install(next, publisher.current().overrides());
                })
                .map(v -> {
                    metrics.reload(true);
                    LOG.info("config reloaded from {}: generation {}", options.configFile(), publisher.current().generation());
                    return new ReloadResult(true, publisher.current().generation(), List.of());
                })
                .recover(e -> {
                    metrics.reload(false);
                    if (e instanceof ConfigException ce) {
                        LOG.warn("config reload failed, keeping the running config:\n{}", ce.getMessage());
                        return Future.succeededFuture(new ReloadResult(false, publisher.current().generation(), ce.problems()));
                    }
                    LOG.error("config reload failed, keeping the running config", e);
                    return Future.failedFuture(e);
                }));
    }

    /**
     * Maps config and overrides, compiles and publishes the table, then points the probes at
     * the new targets. A config whose table does not compile changes nothing; once published,
     * the new config is live. Runs on the director's context.
     */
    private Future<Void> install(LoadedConfig config, OperatorOverrides saved) {
        OperatorOverrides overrides = saved.retainExisting(
                id -> config.config().profile(id.profile()).flatMap(p -> p.endpoint(id.endpoint())).isPresent(),
                id -> LOG.warn("dropping the operator override of {}: the endpoint is no longer in the config", id));
        try {
            Deployment deployment = DeploymentMapper.map(config.config(), overrides, options.clock().millis() / 1000);
            publisher.install(deployment, overrides, config.locator());
            loaded = config;
            stateFile = new StateFile(config.config().stateFile());
            metrics.track(deployment.endpoints());
            // the monitor completes on its own event loop: come back before touching state again
            return onContext(monitor.update(deployment.probeTargets()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** {@code future}, with its continuations on the director's context. */
    private <T> Future<T> onContext(Future<T> future) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        future.onComplete(ar -> context.runOnContext(v -> promise.handle(ar)));
        return promise.future();
    }

    private Future<Void> startDns() {
        MeridianConfig config = loaded.config();
        List<InetSocketAddress> listen = config.dns().listen().stream().map(a -> a.toSocketAddress()).toList();
        DnsServerOptions defaults = DnsServerOptions.of(listen);
        DnsServerOptions dnsOptions = new DnsServerOptions(listen, config.dns().udpSize(), defaults.tcpIdleTimeout(),
                defaults.maxTcpConnections(), defaults.maxTcpInFlight(), defaults.instances());
        Supplier<io.meridian.dns.DnsSnapshot> snapshots = () -> publisher.current().dns();
        dns = DnsServer.create(vertx, dnsOptions, snapshots, metrics.dns());
        return dns.start();
    }

    private void warnAboutListenerChanges(MeridianConfig next) {
        MeridianConfig now = loaded.config();
        if (!now.dns().listen().equals(next.dns().listen()) || !now.http().listen().equals(next.http().listen())
                || now.dns().udpSize() != next.dns().udpSize()) { // token and trustForwardedFor apply at once
            LOG.warn("listen addresses and udpSize changed in {}: they take effect at the next restart", options.configFile());
        }
    }

    private void logStarted() {
        for (InetSocketAddress a : dns.boundAddresses()) {
            LOG.info("DNS listening on {} (UDP and TCP)", a);
        }
        Published p = publisher.current();
        p.deployment().profiles().forEach(profile -> LOG.info("profile {}: {} {} over {} endpoints, ttl {}s, detection <= {}",
                profile.name(), profile.domain(), profile.method().name().toLowerCase(java.util.Locale.ROOT),
                profile.endpoints().size(), profile.ttl().toSeconds(), p.deployment().detection().get(profile.name())));
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> serially(Supplier<Future<T>> op) {
        io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            Future<T> result = (Future<T>) tail.transform(ignored -> op.get());
            tail = result.otherwiseEmpty();
            result.onComplete(done);
        });
        return done.future();
    }

    /**
     * How to run a director.
     *
     * @param coalesce    how long health changes are collected before one recompile (ADR 0003)
     * @param watchPeriod how often the config file is checked for changes
     */
    public record DirectorOptions(Path configFile, Map<String, String> env, InstantSource clock,
                                  RandomGenerator random, Duration coalesce, Duration watchPeriod) {
        public DirectorOptions {
            env = Map.copyOf(env);
        }

        /** Production settings: system clock, 20 ms coalescing, config checked every second. */
        public static DirectorOptions of(Path configFile, Map<String, String> env) {
            return new DirectorOptions(configFile, env, InstantSource.system(),
                    new java.util.SplittableRandom(), Duration.ofMillis(20), Duration.ofSeconds(1));
        }

        public DirectorOptions withCoalesce(Duration coalesce) {
            return new DirectorOptions(configFile, env, clock, random, coalesce, watchPeriod);
        }
    }
}
