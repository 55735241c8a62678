package io.meridian.director.core;

import io.meridian.director.state.OperatorState;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import java.util.HashMap;

/**
 * Real snapshots, built by the controller's pure build, for tests of the front ends: the
 * two-profile config of {@link ControllerFixtures} with every endpoint probed.
 */
public final class TestSnapshots {
    public static final EndpointId A_WESTUS2 = ControllerFixtures.A_WESTUS2;
    public static final EndpointId A_WESTEUROPE = ControllerFixtures.A_WESTEUROPE;

    private TestSnapshots() {
    }

    /** westus2 (shared by profiles a and b) at {@code westus2}, westeurope online. */
    public static Snapshot of(HealthStatus westus2) {
        ControllerInputs in = ControllerFixtures.inputs(ControllerFixtures.YAML, 0, OperatorState.NONE);
        var health = new HashMap<>(ControllerFixtures.health(in, westus2, 3, A_WESTUS2));
        health.putAll(ControllerFixtures.health(in, HealthStatus.ONLINE, 3, A_WESTEUROPE));
        return SnapshotBuilder.build(new ControllerEvent.ProbeHealthChanged(health).applyTo(in), null);
    }

    /** The (first) probe of an endpoint of the fixtures' config. */
    public static ProbeTarget probe(EndpointId id) {
        ControllerInputs in = ControllerFixtures.inputs(ControllerFixtures.YAML, 0, OperatorState.NONE);
        return ControllerFixtures.probeOf(in, id);
    }
}
