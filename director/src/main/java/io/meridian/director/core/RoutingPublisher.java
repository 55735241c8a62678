package io.meridian.director.core;

import io.meridian.director.state.OperatorOverrides;
import io.meridian.dns.DnsSnapshot;
import io.meridian.probes.EndpointHealth;
import io.meridian.routing.EndpointId;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.HealthView;
import io.meridian.routing.RoutingTable;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Compiles the routing table from the current deployment and probe health, and publishes it.
 * Every method runs on the director's context; readers only call {@link #current()}.
 *
 * <p>Health changes arrive in bursts (a region's endpoints fail together), so a compile is
 * scheduled once per {@code coalesce} window rather than once per change (ADR 0003).
 */
final class RoutingPublisher {
    private final Context context;
    private final Supplier<Map<EndpointId, EndpointHealth>> health;
    private final Duration coalesce;
    private final AtomicReference<Published> published = new AtomicReference<>();
    private Deployment deployment;
    private OperatorOverrides overrides;
    private GeoLocator locator;
    private long generation;
    private boolean scheduled;

    RoutingPublisher(Context context, Supplier<Map<EndpointId, EndpointHealth>> health, Duration coalesce) {
        this.context = context;
        this.health = health;
        this.coalesce = coalesce;
    }

    Published current() {
        return published.get();
    }

    /**
     * Installs a new deployment and publishes it at once (a reload or override must show now).
     * Throws, changing nothing, when the table does not compile.
     */
    Published install(Deployment deployment, OperatorOverrides overrides, GeoLocator locator) {
        requireOwner();
        Published next = compile(deployment, overrides, locator);
        this.deployment = deployment;
        this.overrides = overrides;
        this.locator = locator;
        return next;
    }

    /** Health changed: compile once the coalescing window closes. Call from any thread. */
    void healthChanged() {
        context.runOnContext(v -> {
            if (scheduled || deployment == null) {
                return;
            }
            scheduled = true;
            if (coalesce.isZero()) {
                context.runOnContext(w -> compileScheduled());
            } else {
                context.owner().setTimer(coalesce.toMillis(), id -> compileScheduled());
            }
        });
    }

    private void compileScheduled() {
        scheduled = false;
        compile(deployment, overrides, locator);
    }

    private Published compile(Deployment deployment, OperatorOverrides overrides, GeoLocator locator) {
        requireOwner();
        Map<EndpointId, EndpointHealth> probed = health.get();
        HealthView view = id -> {
            EndpointHealth h = probed.get(id);
            return h == null ? HealthStatus.CHECKING : h.status();
        };
        RoutingTable table = RoutingTable.compile(deployment.profiles(), view, locator);
        Published next = new Published(++generation, deployment, overrides, table,
                new DnsSnapshot(deployment.zones(), table));
        published.set(next);
        return next;
    }

    /** All state here belongs to the director's context (ADR 0001); fail loudly if not on it. */
    private void requireOwner() {
        if (io.vertx.core.Vertx.currentContext() != context) {
            throw new IllegalStateException("routing state touched off the director's context: " + Thread.currentThread());
        }
    }
}
