package io.meridian.director.core;

import io.meridian.director.state.ClusterState;
import io.meridian.director.state.ConfigRejection;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.PeerView;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An input of the controller. Each kind is one way the director's state changes, and
 * {@link #applyTo} is that change as a pure function; a new input (a peer's view, a latency
 * sample) is a new kind here, never a second owner of state.
 */
sealed interface ControllerEvent {

    ControllerInputs applyTo(ControllerInputs inputs);

    /** Built and published at once (someone waits for it), rather than within the coalescing window. */
    boolean urgent();

    /** A valid config was loaded (at start, on reload). Overrides of endpoints it no longer has are dropped. */
    record ConfigApplied(LoadedConfig config, ConfigVersion version) implements ControllerEvent {
        public ConfigApplied {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            Deployment next = DeploymentMapper.map(config.config());
            OperatorState operator = retainKnown(in.operator(), next);
            Map<ProbeTarget, ProbeTarget> seeds = pending(in.seeds(), in.health());
            seeds.putAll(ProbePlan.seeds(ProbePlan.probed(in.deployment(), in.admin()),
                    ProbePlan.probed(next, OperatorLayer.of(operator, next.regions()))));
            return in.withConfig(config, next, version, seeds).withOperator(operator, seeds);
        }

        @Override
        public boolean urgent() {
            return true;
        }

        /** Without the overrides of endpoints and regions the config no longer has. */
        static OperatorState retainKnown(OperatorState state, Deployment deployment) {
            return state.retain(key -> exists(deployment, key), (k, o) -> { });
        }

        private static boolean exists(Deployment deployment, OverrideKey key) {
            if (key instanceof OverrideKey.Endpoint e) {
                return exists(deployment, e.id());
            }
            if (key instanceof OverrideKey.Region r) {
                return deployment.regions().contains(r.name());
            }
            return exists(deployment, ((OverrideKey.Alert) key).scope());
        }

        private static boolean exists(Deployment deployment, EndpointId id) {
            return deployment.endpoints().getOrDefault(id.profile(), List.of()).contains(id.endpoint());
        }
    }

    /** The operator state changed: an override was set or removed. */
    record OperatorStateChanged(OperatorState state) implements ControllerEvent {
        public OperatorStateChanged {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            OperatorState known = ConfigApplied.retainKnown(state, in.deployment());
            Map<ProbeTarget, ProbeTarget> seeds = pending(in.seeds(), in.health());
            return in.withOperator(known, seeds);
        }

        @Override
        public boolean urgent() {
            return true;
        }
    }

    /** The monitor published its probes' health: a status changed, or only counters and latency. */
    record ProbeHealthChanged(Map<ProbeTarget, ProbeHealth> health) implements ControllerEvent {
        public ProbeHealthChanged {
            health = Map.copyOf(health);
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            return in.withHealth(health, pending(in.seeds(), health));
        }

        @Override
        public boolean urgent() {
            return false;
        }
    }

    /**
     * Overrides another director made (or holds, after a partition healed): each one is kept where
     * it is newer than what is here, so every director converges to the most recent change.
     */
    record OverridesReceived(Map<OverrideKey, OperatorOverride> overrides) implements ControllerEvent {
        public OverridesReceived {
            overrides = Map.copyOf(overrides);
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            OperatorState merged = in.operator();
            for (Map.Entry<OverrideKey, OperatorOverride> e : overrides.entrySet()) {
                merged = merged.with(e.getKey(), e.getValue());
            }
            // an override that lapsed is gone here, also when a director that still has it sends it
            merged = merged.withoutLapsed(in.now());
            return merged.overrides().equals(in.operator().overrides()) && merged.version().equals(in.operator().version())
                    ? in : new OperatorStateChanged(merged).applyTo(in);
        }

        @Override
        public boolean urgent() {
            return true;
        }
    }

    /** Another director published its view. Views of directors not in the cluster are kept too: they expire. */
    record PeerViewReceived(PeerView view) implements ControllerEvent {
        public PeerViewReceived {
            Objects.requireNonNull(view, "view");
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            if (in.cluster() == null || view.node().equals(in.cluster().self())) {
                return in;
            }
            Map<String, PeerView> views = new HashMap<>(in.cluster().views());
            views.put(view.node(), view);
            Instant now = view.receivedAt().isAfter(in.cluster().now()) ? view.receivedAt() : in.cluster().now();
            return in.withCluster(in.cluster().withViews(views).at(now));
        }

        @Override
        public boolean urgent() {
            return false;
        }
    }

    /** The directors this one can reach changed (one joined, left, or a partition formed or healed). */
    record MembershipChanged(Set<String> reachable) implements ControllerEvent {
        public MembershipChanged {
            reachable = Set.copyOf(reachable);
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            return in.cluster() == null ? in : in.withCluster(in.cluster().withReachable(reachable));
        }

        @Override
        public boolean urgent() {
            return true;
        }
    }

    /** A config version from another director could not be applied here (or, null, one was). */
    record ConfigRejected(ConfigRejection rejection) implements ControllerEvent {
        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            return in.cluster() == null ? in : in.withCluster(in.cluster().withRejected(rejection));
        }

        @Override
        public boolean urgent() {
            return true;
        }
    }

    /** Time passed: overrides may have lapsed (they are dropped), views may have expired. */
    record Tick(Instant now) implements ControllerEvent {
        public Tick {
            Objects.requireNonNull(now, "now");
        }

        @Override
        public ControllerInputs applyTo(ControllerInputs in) {
            ControllerInputs next = in.at(now);
            OperatorState kept = in.operator().withoutLapsed(now);
            if (kept.overrides().size() != in.operator().overrides().size()) {
                next = next.withOperator(kept, pending(in.seeds(), in.health()));
            }
            return next.cluster() == null ? next : next.withCluster(next.cluster().at(now));
        }

        @Override
        public boolean urgent() {
            return false;
        }
    }

    /** The seeds still needed: those of probes that have no health of their own yet. */
    private static Map<ProbeTarget, ProbeTarget> pending(Map<ProbeTarget, ProbeTarget> seeds,
                                                         Map<ProbeTarget, ProbeHealth> health) {
        Map<ProbeTarget, ProbeTarget> left = new HashMap<>(seeds);
        left.keySet().removeIf(health::containsKey);
        return left;
    }
}
