package io.meridian.director.core;

import static io.meridian.director.core.ControllerFixtures.A_WESTEUROPE;
import static io.meridian.director.core.ControllerFixtures.A_WESTUS2;
import static io.meridian.director.core.ControllerFixtures.B_WESTUS2;
import static io.meridian.director.core.ControllerFixtures.YAML;
import static io.meridian.director.core.ControllerFixtures.disabled;
import static io.meridian.director.core.ControllerFixtures.health;
import static io.meridian.director.core.ControllerFixtures.inputs;
import static io.meridian.director.core.ControllerFixtures.probeOf;
import static io.meridian.director.core.ControllerFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.director.state.ClusterState;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.EndpointVote;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.PeerView;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.ClientContext;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.Quorum;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Events in, snapshot out: the controller's pure half, no Vert.x. */
class SnapshotBuilderTest {
    private static final ClientContext CLIENT = ClientContext.ofAddress(InetAddress.getLoopbackAddress());

    private static String answer(Snapshot s, String profile) {
        return s.table().decide(profile, CLIENT, new SplittableRandom(1)).answers().get(0).name();
    }

    private static ControllerInputs apply(ControllerInputs in, ControllerEvent event) {
        return event.applyTo(in);
    }

    @Test
    void endpointsThatProbeTheSameGatewayShareOneProbeAndOneHealth() {
        ControllerInputs in = inputs(YAML, 0, OperatorState.NONE);
        in = apply(in, new ControllerEvent.ProbeHealthChanged(
                health(in, HealthStatus.DEGRADED, 3, A_WESTUS2)));
        Snapshot s = SnapshotBuilder.build(in, null);

        ProbeTarget westus2 = probeOf(in, A_WESTUS2);
        assertThat(s.users()).hasSize(2);
        assertThat(s.usersOf(westus2)).containsExactly(A_WESTUS2, B_WESTUS2);
        assertThat(s.table().statusOf(B_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(s.healthOf(B_WESTUS2)).get().extracting(ProbeHealth::probes).isEqualTo(3L);
    }

    @Test
    void anOperatorDisableSitsOverHealthAndReEnablingABrokenEndpointDoesNotRouteToIt() {
        ControllerInputs in = inputs(YAML, 0, disabled(A_WESTUS2, 1));
        in = apply(in, new ControllerEvent.ProbeHealthChanged(health(in, HealthStatus.DEGRADED, 5, A_WESTUS2)));
        Snapshot off = SnapshotBuilder.build(in, null);

        assertThat(off.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DISABLED);
        assertThat(off.table().healthOf(A_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(off.probes()).containsKey(A_WESTUS2);
        assertThat(answer(off, "a")).isEqualTo("westeurope");

        OperatorState removed = in.operator().with(new OverrideKey.Endpoint(A_WESTUS2), new OperatorOverride(null,
                ControllerFixtures.T0.plusSeconds(2), "westus2", "192.0.2.7", null, null, stamp(2)));
        Snapshot on = SnapshotBuilder.build(apply(in, new ControllerEvent.OperatorStateChanged(removed)), off);
        assertThat(on.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(answer(on, "a")).isEqualTo("westeurope");
    }

    @Test
    void anEndpointDisabledInTheConfigIsNotProbedUntilAnOperatorEnablesIt() {
        String yaml = YAML.replace("probeAddress: \"127.0.0.1:9002\"}", "probeAddress: \"127.0.0.1:9002\", enabled: false}");
        ControllerInputs in = inputs(yaml, 0, OperatorState.NONE);
        assertThat(SnapshotBuilder.build(in, null).probes()).doesNotContainKey(A_WESTEUROPE);

        OperatorState enabled = OperatorState.NONE.with(new OverrideKey.Endpoint(A_WESTEUROPE), new OperatorOverride(true,
                ControllerFixtures.T0, "westus2", "192.0.2.7", null, null, stamp(1)));
        Snapshot s = SnapshotBuilder.build(apply(in, new ControllerEvent.OperatorStateChanged(enabled)), null);
        assertThat(s.probes()).containsKey(A_WESTEUROPE);
        assertThat(s.table().statusOf(A_WESTEUROPE)).isEqualTo(HealthStatus.CHECKING);
    }

    @Test
    void countersAloneKeepTheTableAndAStatusChangeKeepsTheZones() {
        ControllerInputs in = inputs(YAML, 0, OperatorState.NONE);
        in = apply(in, new ControllerEvent.ProbeHealthChanged(health(in, HealthStatus.ONLINE, 1, A_WESTUS2, A_WESTEUROPE)));
        Snapshot first = SnapshotBuilder.build(in, null);

        ControllerInputs more = apply(in, new ControllerEvent.ProbeHealthChanged(
                health(in, HealthStatus.ONLINE, 2, A_WESTUS2, A_WESTEUROPE)));
        Snapshot counters = SnapshotBuilder.build(more, first);
        assertThat(counters.table()).isSameAs(first.table());
        assertThat(counters.dns()).isSameAs(first.dns());
        assertThat(counters.healthOf(A_WESTUS2)).get().extracting(ProbeHealth::probes).isEqualTo(2L);

        Map<ProbeTarget, ProbeHealth> down = new HashMap<>(health(in, HealthStatus.ONLINE, 3, A_WESTEUROPE));
        down.putAll(health(in, HealthStatus.DEGRADED, 3, A_WESTUS2));
        Snapshot failed = SnapshotBuilder.build(apply(more, new ControllerEvent.ProbeHealthChanged(down)), counters);
        assertThat(failed.table()).isNotSameAs(first.table());
        assertThat(answer(failed, "a")).isEqualTo("westeurope");
        assertThat(failed.dns().zones()).isSameAs(first.dns().zones());
        assertThat(failed.serial()).isEqualTo(first.serial());
    }

    @Test
    void theSerialIsTheNewestChangesSecondAndTheSameForTheSameConfigAndOverrides() {
        ControllerInputs in = inputs(YAML, 10, OperatorState.NONE);
        Snapshot first = SnapshotBuilder.build(in, null);
        assertThat(first.serial()).isEqualTo(stamp(10).seconds());

        Snapshot overridden = SnapshotBuilder.build(apply(in, new ControllerEvent.OperatorStateChanged(
                disabled(A_WESTUS2, 11))), first);
        assertThat(overridden.serial()).isEqualTo(stamp(11).seconds()).isGreaterThan(first.serial());
        assertThat(overridden.dns().zones().get(0).serial()).isEqualTo(overridden.serial());

        // another director serving the same config text and overrides, built from scratch
        Snapshot elsewhere = SnapshotBuilder.build(inputs(YAML, 10, disabled(A_WESTUS2, 11)), null);
        assertThat(elsewhere.serial()).isEqualTo(overridden.serial());
    }

    @Test
    void anEditedProbeKeepsItsEndpointsHealthUntilItHasItsOwn() {
        ControllerInputs in = inputs(YAML, 0, OperatorState.NONE);
        Map<ProbeTarget, ProbeHealth> down = new HashMap<>(health(in, HealthStatus.ONLINE, 3, A_WESTEUROPE));
        down.putAll(health(in, HealthStatus.DEGRADED, 3, A_WESTUS2));
        in = apply(in, new ControllerEvent.ProbeHealthChanged(down));
        Snapshot before = SnapshotBuilder.build(in, null);

        LoadedConfig edited = ControllerFixtures.config(YAML.replace("path: /status, interval: 1s, timeout: 300ms",
                "path: /status, interval: 1s, timeout: 400ms"));
        ControllerInputs reloaded = apply(in, new ControllerEvent.ConfigApplied(edited,
                new ConfigVersion(stamp(5), edited.text().sha256())));
        Snapshot after = SnapshotBuilder.build(reloaded, before);

        ProbeTarget newWestus2 = probeOf(reloaded, A_WESTUS2);
        assertThat(newWestus2).isNotEqualTo(probeOf(in, A_WESTUS2));
        assertThat(after.seeds()).containsEntry(newWestus2, probeOf(in, A_WESTUS2));
        assertThat(after.table().statusOf(A_WESTUS2)).as("not CHECKING: that would route to a broken gateway")
                .isEqualTo(HealthStatus.DEGRADED);

        ControllerInputs probed = apply(reloaded, new ControllerEvent.ProbeHealthChanged(
                health(reloaded, HealthStatus.ONLINE, 1, A_WESTUS2, A_WESTEUROPE)));
        assertThat(probed.seeds()).isEmpty();
        assertThat(SnapshotBuilder.build(probed, after).table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.ONLINE);
    }

    @Test
    void readinessWaitsForEveryProbeAndThenLatches() {
        ControllerInputs in = inputs(YAML, 0, OperatorState.NONE);
        Snapshot fresh = SnapshotBuilder.build(in, null);
        assertThat(fresh.ready()).isFalse();

        ControllerInputs half = apply(in, new ControllerEvent.ProbeHealthChanged(health(in, HealthStatus.ONLINE, 1, A_WESTUS2)));
        Snapshot partly = SnapshotBuilder.build(half, fresh);
        assertThat(partly.ready()).isFalse();

        ControllerInputs all = apply(half, new ControllerEvent.ProbeHealthChanged(
                health(in, HealthStatus.ONLINE, 1, A_WESTUS2, A_WESTEUROPE)));
        Snapshot ready = SnapshotBuilder.build(all, partly);
        assertThat(ready.ready()).isTrue();

        String more = YAML.replace("  - name: b\n", "  - name: c\n    domain: c.tm.example.test\n    routing: priority\n"
                + "    endpoints: [{name: x, target: 192.0.2.9}]\n  - name: b\n");
        LoadedConfig grown = ControllerFixtures.config(more);
        Snapshot reloaded = SnapshotBuilder.build(apply(all, new ControllerEvent.ConfigApplied(grown,
                new ConfigVersion(stamp(1), grown.text().sha256()))), ready);
        assertThat(reloaded.ready()).as("latched: a new endpoint does not make a serving director unready").isTrue();
    }

    private static ControllerInputs clustered(Quorum.Rule rule) {
        ControllerInputs alone = inputs(YAML, 0, OperatorState.NONE);
        ClusterState cluster = new ClusterState("westus2", "127.0.0.1:7800", rule, 3, Set.of(),
                Set.of("westus2", "eastasia", "westeurope"), Map.of(), null, ControllerFixtures.T0, true);
        return ControllerInputs.initial("westus2", alone.config(), alone.version(), OperatorState.NONE, cluster,
                ControllerFixtures.T0);
    }

    private static ControllerEvent view(String node, HealthStatus status, long atMillis) {
        return new ControllerEvent.PeerViewReceived(new PeerView(node, "127.0.0.1:7801", stamp(0),
                ControllerFixtures.T0.plusMillis(atMillis), Map.of(A_WESTUS2, new EndpointVote(status, 12.5))));
    }

    @Test
    void inAClusterOneDirectorsFailingViewIsOutvotedUntilTheOthersViewsExpire() {
        ControllerInputs in = clustered(Quorum.Rule.MAJORITY);
        in = apply(in, new ControllerEvent.ProbeHealthChanged(health(in, HealthStatus.DEGRADED, 2, A_WESTUS2)));
        in = apply(apply(in, view("eastasia", HealthStatus.ONLINE, 0)), view("westeurope", HealthStatus.ONLINE, 0));
        Snapshot outvoted = SnapshotBuilder.build(in, null);
        assertThat(outvoted.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.ONLINE);
        assertThat(answer(outvoted, "a")).isEqualTo("westus2");
        assertThat(outvoted.healthOf(A_WESTUS2)).get().extracting(ProbeHealth::status).isEqualTo(HealthStatus.DEGRADED);

        // the others' views count for three 1 s intervals; then this director's own probes decide
        Snapshot later = SnapshotBuilder.build(apply(in, new ControllerEvent.Tick(ControllerFixtures.T0.plusMillis(2_999))),
                outvoted);
        assertThat(later.table()).isSameAs(outvoted.table());
        Snapshot expired = SnapshotBuilder.build(apply(in, new ControllerEvent.Tick(ControllerFixtures.T0.plusMillis(3_000))),
                later);
        assertThat(expired.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void inAClusterAMajorityOfFailingViewsDegradesAnEndpointThisDirectorSeesOnline() {
        ControllerInputs in = clustered(Quorum.Rule.MAJORITY);
        in = apply(in, new ControllerEvent.ProbeHealthChanged(health(in, HealthStatus.ONLINE, 2, A_WESTUS2)));
        in = apply(apply(in, view("eastasia", HealthStatus.DEGRADED, 0)), view("westeurope", HealthStatus.DEGRADED, 0));
        assertThat(SnapshotBuilder.build(in, null).table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);

        ControllerInputs any = clustered(Quorum.Rule.ANY);
        any = apply(any, new ControllerEvent.ProbeHealthChanged(health(any, HealthStatus.ONLINE, 2, A_WESTUS2)));
        any = apply(apply(any, view("eastasia", HealthStatus.DEGRADED, 0)), view("westeurope", HealthStatus.DEGRADED, 0));
        assertThat(SnapshotBuilder.build(any, null).table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.ONLINE);
    }

    @Test
    void overridesFromAnotherDirectorMergeNewestFirstAndMembershipSetsTheMajority() {
        ControllerInputs in = clustered(Quorum.Rule.MAJORITY);
        in = apply(in, new ControllerEvent.OperatorStateChanged(disabled(A_WESTUS2, 5)));
        OperatorOverride older = new OperatorOverride(true, ControllerFixtures.T0, "eastasia", "192.0.2.9", null, null,
                stamp(4));
        ControllerInputs merged = apply(in, new ControllerEvent.OverridesReceived(Map.of(new OverrideKey.Endpoint(A_WESTUS2),
                older)));
        assertThat(merged.operator()).isSameAs(in.operator());
        OperatorOverride newer = new OperatorOverride(null, ControllerFixtures.T0, "eastasia", "192.0.2.9", null, null,
                stamp(6));
        merged = apply(in, new ControllerEvent.OverridesReceived(Map.of(new OverrideKey.Endpoint(A_WESTUS2), newer)));
        assertThat(SnapshotBuilder.build(merged, null).table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.CHECKING);

        ControllerInputs alone = apply(in, new ControllerEvent.MembershipChanged(Set.of("westus2")));
        assertThat(SnapshotBuilder.build(alone, null).cluster().majority()).isFalse();
        assertThat(SnapshotBuilder.build(in, null).cluster().majority()).isTrue();
    }

    @Test
    void overridesOfEndpointsTheConfigNoLongerHasAreDropped() {
        ControllerInputs in = inputs(YAML, 0, disabled(new EndpointId("gone", "x"), 3));
        Snapshot s = SnapshotBuilder.build(apply(in, new ControllerEvent.OperatorStateChanged(in.operator())), null);
        assertThat(s.operator().overrides()).isEmpty();
        assertThat(s.operator().version()).isEqualTo(stamp(3));
    }
}
