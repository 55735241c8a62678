package io.meridian.director.core;

import io.meridian.config.EndpointConfig;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.DirectorPort;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.OverrideRequest;
import io.meridian.director.state.ReloadResult;
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
 * The commands of {@link DirectorPort}: each is validated against the current state, saved to
 * disk, then submitted to the {@link Controller} as an event. They run one at a time, in
 * arrival order, on the controller's context, so two changes never interleave.
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
                    .onSuccess(s -> LOG.info("{} {} by operator from {}", id, request.enabled() ? "enabled" : "disabled",
                            request.source()));
        });
    }

    @Override
    public Future<ReloadResult> reload() {
        return serially(() -> {
            ControllerInputs before = controller.inputs();
            return vertx.executeBlocking(() -> LoadedConfig.load(configFile, env, before.config()))
                    .compose(loaded -> apply(before, loaded))
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

    /**
     * Serves a loaded config: a new version when its text changed (saved first, so the serial
     * never falls across a crash), then applied; overrides of endpoints it no longer has are
     * dropped, saved again and logged.
     */
    private Future<Snapshot> apply(ControllerInputs before, LoadedConfig loaded) {
        String sha = loaded.text().sha256();
        ConfigVersion version = sha.equals(before.version().sha256()) ? before.version()
                : new ConfigVersion(stamps.next(), sha);
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
