package io.meridian.director.core;

import io.meridian.config.ConfigText;
import io.meridian.config.EndpointConfig;
import io.meridian.director.cluster.ClusterNode;
import io.meridian.director.state.AlertNotice;
import io.meridian.director.state.AlertResult;
import io.meridian.director.state.ConfigRejection;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.DirectorEvent;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.OverrideRequest;
import io.meridian.director.state.ReloadResult;
import io.meridian.director.state.SafetyRefusal;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeLoad;
import io.meridian.routing.EndpointId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final EventLog events;
    private final Supplier<ProbeLoad> probeLoad;
    private Future<?> tail = Future.succeededFuture();
    /** Cluster mode only: the node, what this director last read from its own file, and where that is kept. */
    private ClusterNode cluster;
    private ClusterConfigFile clusterFile;
    private LoadedConfig local;
    private volatile SharedConfig served;

    /** @param onReload told whether each reload attempt succeeded (metrics), on the controller's context */
    Commands(Vertx vertx, Context context, Controller controller, HybridClock stamps, InstantSource clock,
             Path configFile, Map<String, String> env, Consumer<Boolean> onReload, EventLog events,
             Supplier<ProbeLoad> probeLoad) {
        this.vertx = vertx;
        this.context = context;
        this.controller = controller;
        this.stamps = stamps;
        this.clock = clock;
        this.configFile = configFile;
        this.env = Map.copyOf(env);
        this.onReload = onReload;
        this.events = events;
        this.probeLoad = probeLoad;
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
            return change(in, new OverrideKey.Endpoint(id), value, request, id.toString());
        });
    }

    @Override
    public Future<Snapshot> setRegionEnabled(String region, OverrideRequest request) {
        return serially(() -> {
            ControllerInputs in = controller.inputs();
            if (!in.deployment().regions().contains(region)) {
                return Future.failedFuture(new IllegalArgumentException("no endpoint names region " + region));
            }
            // a region override only disables: enabling the region removes it
            return change(in, new OverrideKey.Region(region), request.enabled() ? null : Boolean.FALSE, request,
                    "region " + region);
        });
    }

    /**
     * Records {@code value} (null: a removal) for {@code key}: refused if it strands a profile and
     * is not forced, nothing to do if it is already so; else saved, applied, logged, published.
     */
    private Future<Snapshot> change(ControllerInputs in, OverrideKey key, Boolean value, OverrideRequest request,
                                    String what) {
        Optional<OperatorOverride> now = Optional.ofNullable(in.operator().overrides().get(key));
        boolean same = now.map(o -> Objects.equals(o.enabled(), value) && (value == null
                || Objects.equals(o.reason(), request.reason()) && Objects.equals(o.until(), request.until())))
                .orElse(value == null);
        if (same) {
            return Future.succeededFuture(controller.current()); // already so: nothing to record
        }
        OperatorOverride change = new OperatorOverride(value, clock.instant(), in.node(), request.source(),
                value == null ? null : request.reason(), value == null ? null : request.until(), stamps.next());
        OperatorState next = in.operator().with(key, change);
        List<String> stranded = SafetyRule.stranded(in.deployment().profiles(), in.admin(),
                OperatorLayer.of(next, in.deployment().regions()));
        if (!stranded.isEmpty() && !request.force()) {
            return Future.failedFuture(new SafetyRefusal((request.enabled() ? "enabling " : "disabling ") + what, stranded));
        }
        return save(next, in).onSuccess(s -> {
            LOG.info("{} {} by operator from {}{}{}{}", what, request.enabled() ? "enabled" : "disabled", request.source(),
                    request.reason() == null ? "" : ": " + request.reason(),
                    request.until() == null || value == null ? "" : ", until " + request.until(),
                    stranded.isEmpty() ? "" : " (forced: leaves " + String.join(", ", stranded) + " with nothing enabled)");
            events.add(operatorEvent(key, change));
            if (cluster != null) {
                cluster.publishOverrides(Map.of(key, change));
            }
        });
    }

    /** Saves the operator state, then applies it; completes with the snapshot that holds it. */
    private Future<Snapshot> save(OperatorState next, ControllerInputs in) {
        StateFile file = new StateFile(in.config().config().stateFile());
        return vertx.executeBlocking(() -> {
            file.save(next, in.version());
            return next;
        }).compose(saved -> onContext(controller.submit(new ControllerEvent.OperatorStateChanged(saved))));
    }

    @Override
    public Future<AlertResult> alerts(List<AlertNotice> alerts, String source) {
        return serially(() -> {
            ControllerInputs in = controller.inputs();
            AlertChanges changes = AlertChanges.of(alerts, in, clock.instant(), source, stamps::next);
            if (changes.changes().isEmpty()) {
                return Future.succeededFuture(changes.result(in.operator(), in.deployment()));
            }
            OperatorState next = in.operator();
            for (Map.Entry<OverrideKey, OperatorOverride> e : changes.changes().entrySet()) {
                next = next.with(e.getKey(), e.getValue());
            }
            OperatorState saved = next;
            return save(saved, in).map(s -> {
                changes.changes().forEach((key, o) -> {
                    events.add(operatorEvent(key, o));
                    LOG.info("{} {} (Alertmanager, from {})", key, o.removed() ? "resolved" : "firing", source);
                });
                if (cluster != null) {
                    cluster.publishOverrides(changes.changes());
                }
                return changes.result(saved, in.deployment());
            });
        });
    }

    @Override
    public ProbeLoad probeLoad() {
        return probeLoad.get();
    }

    @Override
    public List<DirectorEvent> events(int limit) {
        return events.recent(limit);
    }

    /** The event an override (or its removal, or an alert) makes in the log. */
    private static DirectorEvent operatorEvent(OverrideKey key, OperatorOverride o) {
        if (key instanceof OverrideKey.Alert a) {
            return new DirectorEvent(o.at(), o.node(), DirectorEvent.Kind.ALERT, (o.removed() ? "alert resolved on "
                    : "alert firing on ") + a.scope() + " (fingerprint " + a.fingerprint() + ")", o.reason());
        }
        String what = key instanceof OverrideKey.Region r ? "region " + r.name()
                : ((OverrideKey.Endpoint) key).id().toString();
        String state = o.removed() ? " override removed" : Boolean.TRUE.equals(o.enabled()) ? " enabled" : " disabled";
        return new DirectorEvent(o.at(), o.node(), DirectorEvent.Kind.OPERATOR, what + state
                + (o.until() == null ? "" : " until " + o.until()) + " (from " + o.source() + ")", o.reason());
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
                overrides.forEach((key, o) -> {
                    if (o.equals(now.operator().overrides().get(key)) && !o.equals(before.operator().overrides().get(key))) {
                        events.add(operatorEvent(key, o));
                    }
                });
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
                        events.add(new DirectorEvent(clock.instant(), before.node(), DirectorEvent.Kind.RELOAD,
                                "config " + shared.version().stamp() + " from " + shared.origin() + " applied", null));
                        return onContext(controller.submit(new ControllerEvent.ConfigRejected(null)));
                    })
                    .recover(e -> e instanceof ConfigException ce
                            ? reject(shared, ce.problems().stream().map(Object::toString).toList())
                            : Future.failedFuture(e));
        }).onFailure(e -> LOG.error("cluster: config from another director not applied", e));
    }

    private Future<Snapshot> reject(SharedConfig shared, List<String> problems) {
        events.add(new DirectorEvent(clock.instant(), controller.inputs().node(), DirectorEvent.Kind.RELOAD,
                "config " + shared.version().stamp() + " from " + shared.origin() + " rejected", problems.get(0)));
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
                        Director.warnAboutNameserversWithoutAddresses(after.dns().zones());
                        if (!after.configVersion().equals(before.version())) {
                            events.add(new DirectorEvent(clock.instant(), before.node(), DirectorEvent.Kind.RELOAD,
                                    "config " + after.configVersion().stamp() + " loaded from " + configFile, null));
                        }
                        return new ReloadResult(true, after.configVersion(), List.of());
                    })
                    .recover(e -> {
                        onReload.accept(false);
                        if (e instanceof ConfigException ce) {
                            LOG.warn("config reload failed, keeping the running config:\n{}", ce.getMessage());
                            events.add(new DirectorEvent(clock.instant(), before.node(), DirectorEvent.Kind.RELOAD,
                                    "config reload failed, keeping config " + before.version().stamp(),
                                    ce.problems().get(0) + (ce.problems().size() > 1
                                            ? " (and " + (ce.problems().size() - 1) + " more)" : "")));
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
