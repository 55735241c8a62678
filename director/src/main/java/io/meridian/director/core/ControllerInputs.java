package io.meridian.director.core;

import io.meridian.director.state.ClusterState;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorState;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
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
 */
record ControllerInputs(String node, LoadedConfig config, Deployment deployment, ConfigVersion version,
                        OperatorState operator, Map<ProbeTarget, ProbeHealth> health,
                        Map<ProbeTarget, ProbeTarget> seeds, ClusterState cluster) {

    ControllerInputs {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(operator, "operator");
        health = Map.copyOf(health);
        seeds = Map.copyOf(seeds);
    }

    /** The first inputs: a config and the operator state saved on disk, nothing probed yet. */
    static ControllerInputs initial(String node, LoadedConfig config, ConfigVersion version, OperatorState operator,
                                    ClusterState cluster) {
        return new ControllerInputs(node, config, DeploymentMapper.map(config.config()), version, operator, Map.of(),
                Map.of(), cluster);
    }

    ControllerInputs withConfig(LoadedConfig next, Deployment mapped, ConfigVersion nextVersion,
                                Map<ProbeTarget, ProbeTarget> nextSeeds) {
        return new ControllerInputs(node, next, mapped, nextVersion, operator, health, nextSeeds, cluster);
    }

    ControllerInputs withOperator(OperatorState next, Map<ProbeTarget, ProbeTarget> nextSeeds) {
        return new ControllerInputs(node, config, deployment, version, next, health, nextSeeds, cluster);
    }

    ControllerInputs withHealth(Map<ProbeTarget, ProbeHealth> next, Map<ProbeTarget, ProbeTarget> nextSeeds) {
        return new ControllerInputs(node, config, deployment, version, operator, next, nextSeeds, cluster);
    }

    ControllerInputs withCluster(ClusterState next) {
        return new ControllerInputs(node, config, deployment, version, operator, health, seeds, next);
    }
}
