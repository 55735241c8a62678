package io.meridian.director.core;

import io.meridian.config.ConfigText;
import io.meridian.config.EndpointConfig;
import io.meridian.director.cluster.ClusterNode;
import io.meridian.director.state.ConfigRejection;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.OverrideRequest;
import io.meridian.director.state.ReloadResult;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.EndpointId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of {@link DirectorPort}, and what other directors of a cluster send: each is
 * validated against the current state, saved to disk, then submitted to the {@link Controller}
 * as an event. They run one at a time, in arrival order, on the controller's context, so two
 * changes never interleave. Local changes are then published to the cluster.
 */
final class Commands implements DirectorPort {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    private final Vertx vertx;
    private final Context context;
    private final Controller controller;
    private final HybridClock stamps;
    private final InstantSource clock;
    private final Path configFile;
    private final Map<String, String> env;
    private final Consumer<Boolean> onReload;
    private Future<?> tail = Future.succeededFuture();
    /** Cluster mode only: the node, what this director last read from its own file, and where that is kept. */
    private ClusterNode cluster;
    private ClusterConfigFile clusterFile;
    private LoadedConfig local;
    private volatile SharedConfig served;

    /** @param onReload told whether each reload attempt succeeded (metrics), on the controller's context */
    Commands(Vertx vertx, Context context, Controller controller, HybridClock stamps, InstantSource clock,
             Path configFile, Map<String, String> env, Consumer<Boolean> onReload) {
        this.vertx = vertx;
        this.context = context;
        this.controller = controller;
        this.stamps = stamps;
        this.clock = clock;
        this.configFile = configFile;
        this.env = Map.copyOf(env);
        this.onReload = onReload;
    }

    @Override
    public Snapshot snapshot() {
        return controller.current();
    }

    /**
     * Cluster mode: this director serves {@code served}; {@code local} is its own file as it last
     * read it (whose node-local keys every config from elsewhere takes). On the controller's context.
     */
    void clustered(ClusterConfigFile file, LoadedConfig ownFile, SharedConfig servedNow) {
        this.clusterFile = file;
        this.local = ownFile;
        this.served = servedNow;
    }

    /** The joined cluster node, once started: local changes are published through it from now on. */
    void attach(ClusterNode node) {
        context.runOnContext(v -> cluster = node);
    }

    /** What a full-state message carries: every override and the config served. Any thread. */
    ClusterNode.Replicated replicated() {
        Snapshot s = controller.current();
        return new ClusterNode.Replicated(s.operator().overrides(), served);
    }

    @Override
    public Future<Snapshot> setEnabled(EndpointId id, OverrideRequest request) {
        return serially(() -> {
            ControllerInputs in = controller.inputs();
            Optional<EndpointConfig> endpoint = in.config().config().profile(id.profile())
                    .flatMap(p -> p.endpoint(id.endpoint()));
            if (endpoint.isEmpty()) {
                return Future.failedFuture(new IllegalArgumentException("no endpoint " + id));
            }
            // the config's own value removes the override, so later edits of the config apply
            Boolean value = request.enabled() == endpoint.get().enabled() ? null : request.enabled();
            Optional<OperatorOverride> now = in.operator().endpoint(id);
            if (now.map(o -> o.enabled() == value).orElse(value == null)) {
                return Future.succeededFuture(controller.current()); // already so: nothing to record
            }
            OperatorOverride change = new OperatorOverride(value, clock.instant(), in.node(), request.source(), null, null, stamps.next());
            OperatorState next = in.operator().with(new OverrideKey.Endpoint(id), change);
            StateFile file = new StateFile(in.config().config().stateFile());
            return vertx.executeBlocking(() -> {
                file.save(next, in.version());
                return next;
            }).compose(saved -> onContext(controller.submit(new ControllerEvent.OperatorStateChanged(saved))))
                    .onSuccess(s -> {
                        LOG.info("{} {} by operator from {}", id, request.enabled() ? "enabled" : "disabled",
                                request.source());
                        if (cluster != null) {
                            cluster.publishOverrides(Map.of(new OverrideKey.Endpoint(id), change));
                        }
                    });
        });
    }

    /** Overrides from another director: the newer of each wins, then the result is saved here too. */
    void receiveOverrides(Map<OverrideKey, OperatorOverride> overrides) {
        serially(() -> {
            overrides.values().forEach(o -> stamps.observe(o.stamp()));
            ControllerInputs before = controller.inputs();
            return onContext(controller.submit(new ControllerEvent.OverridesReceived(overrides))).compose(after -> {
                ControllerInputs now = controller.inputs();
                if (now.operator() == before.operator()) {
                    return Future.succeededFuture(after);
                }
                StateFile file = new StateFile(now.config().config().stateFile());
                return vertx.executeBlocking(() -> {
                    file.save(now.operator(), now.version());
                    return after;
                });
            });
        }).onFailure(e -> LOG.error("cluster: overrides from another director not applied", e));
    }

    /**
     * A config from another director: applied when it is newer than the one served and valid
     * here (with this director's environment and node-local keys); else kept out, and said so in
     * the cluster state, the log and the metrics, while the last good config keeps serving.
     */
    void receiveConfig(SharedConfig shared) {
        serially(() -> {
            ControllerInputs before = controller.inputs();
            stamps.observe(shared.version().stamp());
            if (shared.version().stamp().compareTo(before.version().stamp()) <= 0) {
                return Future.succeededFuture(controller.current());
            }
            ConfigText text = new ConfigText(configFile, shared.text());
            if (!text.sha256().equals(shared.version().sha256())) {
                return reject(shared, List.of("the text does not match its SHA-256 " + shared.version().sha256()));
            }
            return vertx.executeBlocking(() -> LoadedConfig.parse(text, env, before.config(), local.config()))
                    .compose(loaded -> saveClusterConfig(shared, local.text().sha256())
                            .compose(v -> apply(before, loaded, shared.version())))
                    .compose(after -> {
                        served = shared;
                        LOG.info("cluster: config {} from {} applied", shared.version().stamp(), shared.origin());
                        return onContext(controller.submit(new ControllerEvent.ConfigRejected(null)));
                    })
                    .recover(e -> e instanceof ConfigException ce
                            ? reject(shared, ce.problems().stream().map(Object::toString).toList())
                            : Future.failedFuture(e));
        }).onFailure(e -> LOG.error("cluster: config from another director not applied", e));
    }

    private Future<Snapshot> reject(SharedConfig shared, List<String> problems) {
        LOG.warn("cluster: config {} from {} cannot be applied here, keeping config {}:\n{}", shared.version().stamp(),
                shared.origin(), controller.inputs().version().stamp(), String.join("\n", problems));
        return onContext(controller.submit(new ControllerEvent.ConfigRejected(
                new ConfigRejection(shared.version().stamp(), shared.origin(), problems))));
    }

    private Future<Void> saveClusterConfig(SharedConfig shared, String fileSha) {
        ClusterConfigFile file = clusterFile;
        return vertx.executeBlocking(() -> {
            file.save(new ClusterConfigFile.Saved(shared, fileSha));
            return null;
        });
    }

    @Override
    public Future<ReloadResult> reload() {
        return serially(() -> {
            ControllerInputs before = controller.inputs();
            return vertx.executeBlocking(() -> LoadedConfig.load(configFile, env, before.config()))
                    .compose(loaded -> clusterFile == null ? apply(before, loaded) : applyOwnFile(before, loaded))
                    .map(after -> {
                        onReload.accept(true);
                        LOG.info("config reloaded from {}: version {}", configFile, after.configVersion().stamp());
                        return new ReloadResult(true, after.configVersion(), List.of());
                    })
                    .recover(e -> {
                        onReload.accept(false);
                        if (e instanceof ConfigException ce) {
                            LOG.warn("config reload failed, keeping the running config:\n{}", ce.getMessage());
                            return Future.succeededFuture(new ReloadResult(false, before.version(), ce.problems()));
                        }
                        LOG.error("config reload failed, keeping the running config", e);
                        return Future.failedFuture(e);
                    });
        });
    }

    /** Alone: the file's config, under a new version when its text changed. */
    private Future<Snapshot> apply(ControllerInputs before, LoadedConfig loaded) {
        String sha = loaded.text().sha256();
        ConfigVersion version = sha.equals(before.version().sha256()) ? before.version()
                : new ConfigVersion(stamps.next(), sha);
        return apply(before, loaded, version);
    }

    /**
     * In a cluster: this director's own file is a new change only when its content differs from
     * what was last read from it (SPEC section 8); then it gets a new version, is saved, applied
     * and published to every other director.
     */
    private Future<Snapshot> applyOwnFile(ControllerInputs before, LoadedConfig loaded) {
        String sha = loaded.text().sha256();
        if (sha.equals(local.text().sha256())) {
            local = loaded;
            return Future.succeededFuture(controller.current());
        }
        SharedConfig shared = new SharedConfig(new ConfigVersion(stamps.next(), sha), before.node(), loaded.text().text());
        return saveClusterConfig(shared, sha)
                .compose(v -> apply(before, loaded, shared.version()))
                .onSuccess(after -> {
                    local = loaded;
                    served = shared;
                    if (cluster != null) {
                        cluster.publishConfig(shared);
                    }
                });
    }

    /**
     * Serves a loaded config under {@code version}: saved first (so the serial never falls across
     * a crash), then applied; overrides of endpoints it no longer has are dropped, saved again and
     * logged.
     */
    private Future<Snapshot> apply(ControllerInputs before, LoadedConfig loaded, ConfigVersion version) {
        StateFile file = new StateFile(loaded.config().stateFile());
        return vertx.executeBlocking(() -> {
            file.save(before.operator(), version);
            return version;
        }).compose(v -> onContext(controller.submit(new ControllerEvent.ConfigApplied(loaded, v))))
                .compose(snapshot -> {
                    OperatorState kept = controller.inputs().operator();
                    if (kept == before.operator()) {
                        return Future.succeededFuture(snapshot);
                    }
                    before.operator().overrides().keySet().stream().filter(k -> !kept.overrides().containsKey(k))
                            .forEach(k -> LOG.warn("dropping the operator override of {}: it is no longer in the config", k));
                    return vertx.executeBlocking(() -> {
                        file.save(kept, version);
                        return snapshot;
                    });
                });
    }

    /** {@code future}, with its continuations on the controller's context. */
    private <T> Future<T> onContext(Future<T> future) {
        Promise<T> promise = Promise.promise();
        future.onComplete(ar -> context.runOnContext(v -> promise.handle(ar)));
        return promise.future();
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> serially(Supplier<Future<T>> op) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> {
            Future<T> result = (Future<T>) tail.transform(ignored -> onContext(op.get()));
            tail = result.otherwiseEmpty();
            result.onComplete(done);
        });
        return done.future();
    }
}
