package io.meridian.director.core;

import io.meridian.director.state.ClusterState;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorState;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AdminView;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the snapshot is built from, as one immutable value: the controller's whole state.
 * Each {@link ControllerEvent} turns one value into the next; {@link SnapshotBuilder#build} turns
 * a value into the snapshot the front ends read.
 *
 * @param node       this director's name
 * @param config     the config served, with its GeoIP database open
 * @param deployment {@code config} mapped (kept with it: mapping is per config, not per change)
 * @param version    the config's version
 * @param operator   operator overrides
 * @param health     the probes' health, as the monitor last published it
 * @param seeds      changed probes -> the probes whose health they continue, until they have their own
 * @param cluster    the other directors' views and the membership; null when running alone
 * @param now        the time of the last {@link ControllerEvent.Tick}: no override in {@code operator}
 *                   lapsed by then
 */
record ControllerInputs(String node, LoadedConfig config, Deployment deployment, ConfigVersion version,
                        OperatorState operator, Map<ProbeTarget, ProbeHealth> health,
                        Map<ProbeTarget, ProbeTarget> seeds, ClusterState cluster, Instant now) {

    ControllerInputs {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(operator, "operator");
        health = Map.copyOf(health);
        seeds = Map.copyOf(seeds);
        Objects.requireNonNull(now, "now");
    }

    /**
     * The first inputs: a config and the operator state saved on disk, less what lapsed while the
     * director was down; nothing probed yet.
     */
    static ControllerInputs initial(String node, LoadedConfig config, ConfigVersion version, OperatorState operator,
                                    ClusterState cluster, Instant now) {
        return new ControllerInputs(node, config, DeploymentMapper.map(config.config()), version,
                operator.withoutLapsed(now), Map.of(), Map.of(), cluster, now);
    }

    /** The operator layer over the config, as the routing table sees it. */
    AdminView admin() {
        return OperatorLayer.of(operator, deployment.regions());
    }

    ControllerInputs withConfig(LoadedConfig next, Deployment mapped, ConfigVersion nextVersion,
                                Map<ProbeTarget, ProbeTarget> nextSeeds) {
        return new ControllerInputs(node, next, mapped, nextVersion, operator, health, nextSeeds, cluster, now);
    }

    ControllerInputs withOperator(OperatorState next, Map<ProbeTarget, ProbeTarget> nextSeeds) {
        return new ControllerInputs(node, config, deployment, version, next, health, nextSeeds, cluster, now);
    }

    ControllerInputs withHealth(Map<ProbeTarget, ProbeHealth> next, Map<ProbeTarget, ProbeTarget> nextSeeds) {
        return new ControllerInputs(node, config, deployment, version, operator, next, nextSeeds, cluster, now);
    }

    ControllerInputs at(Instant time) {
        return new ControllerInputs(node, config, deployment, version, operator, health, seeds, cluster, time);
    }

    ControllerInputs withCluster(ClusterState next) {
        return new ControllerInputs(node, config, deployment, version, operator, health, seeds, next, now);
    }
}
