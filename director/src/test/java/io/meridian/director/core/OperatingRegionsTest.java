package io.meridian.director.core;

import static io.meridian.director.core.ControllerFixtures.T0;
import static io.meridian.director.core.ControllerFixtures.inputs;
import static io.meridian.director.core.ControllerFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.director.state.AlertNotice;
import io.meridian.director.state.Monitors;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.FailureKind;
import io.meridian.probes.HealthState;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeOutcome;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Region overrides, expiry, composed health and alerts, from events to the snapshot: no Vert.x, a manual clock. */
class OperatingRegionsTest {
    private static final EndpointId A_WESTUS2 = new EndpointId("a", "westus2");
    private static final EndpointId A_EASTUS = new EndpointId("a", "eastus");
    private static final EndpointId B_WESTUS2 = new EndpointId("b", "westus2");
    private static final EndpointId B_EASTUS = new EndpointId("b", "eastus");

    /** Two profiles over westus2 and eastus; a's westus2 has two monitors. */
    static final String YAML = """
            dns:
              listen: ["127.0.0.1:0"]
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            profiles:
              - name: a
                domain: a.tm.example.test
                routing: priority
                monitor: {protocol: HTTP, path: /status, interval: 1s, timeout: 300ms, toleratedFailures: 0}
                endpoints:
                  - name: westus2
                    target: 192.0.2.1
                    region: westus2
                    probeAddress: "127.0.0.1:9001"
                    healthyWhen: HEALTHY_WHEN
                    monitor: [{path: /status}, {path: /login/health}]
                  - {name: eastus, target: 192.0.2.2, region: eastus, probeAddress: "127.0.0.1:9002"}
              - name: b
                domain: b.tm.example.test
                routing: priority
                monitor: {protocol: HTTP, path: /status, interval: 1s, timeout: 300ms, toleratedFailures: 0}
                endpoints:
                  - {name: westus2, target: 192.0.2.1, region: westus2, probeAddress: "127.0.0.1:9001"}
                  - {name: eastus, target: 192.0.2.2, region: eastus, probeAddress: "127.0.0.1:9002"}
            """;

    private static ControllerInputs in(OperatorState operator) {
        return inputs(YAML.replace("HEALTHY_WHEN", "all"), 0, operator);
    }

    private static OperatorOverride override(Boolean enabled, long second, Instant until) {
        return new OperatorOverride(enabled, T0.plusSeconds(second), "westus2", "192.0.2.7", "patching", until,
                stamp(second));
    }

    /**
     * The precedence of SPEC section 7, as {@link OperatorLayer#of}'s table says, expiry included:
     * an override whose until passed (a Tick at its second) is as if it was never made.
     */
    @ParameterizedTest(name = "config {0}, endpoint {1}, region {2}, tick at {3}s -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | none  | none  | 0  | true
            false | none  | none  | 0  | false
            true  | false | none  | 0  | false
            false | true  | none  | 0  | true
            true  | none  | false | 0  | false
            true  | true  | false | 0  | false
            false | true  | false | 0  | false
            true  | false | none  | 60 | true
            false | true  | none  | 60 | false
            true  | true  | false | 60 | true
            true  | false | false | 30 | false
            """)
    void precedence(boolean config, String endpoint, String region, long tickAt, boolean enabled) {
        String yaml = YAML.replace("HEALTHY_WHEN", "all");
        if (!config) {
            yaml = yaml.replace("probeAddress: \"127.0.0.1:9001\"\n", "probeAddress: \"127.0.0.1:9001\"\n        enabled: false\n");
        }
        OperatorState state = OperatorState.NONE;
        Instant until = T0.plusSeconds(60);
        if (!endpoint.equals("none")) {
            state = state.with(new OverrideKey.Endpoint(A_WESTUS2), override(Boolean.parseBoolean(endpoint), 1, until));
        }
        if (!region.equals("none")) {
            state = state.with(new OverrideKey.Region("westus2"), override(false, 2, until));
        }
        ControllerInputs in = new ControllerEvent.Tick(T0.plusSeconds(tickAt)).applyTo(inputs(yaml, 0, state));
        Snapshot s = SnapshotBuilder.build(in, null);

        assertThat(s.table().statusOf(A_WESTUS2) != HealthStatus.DISABLED).isEqualTo(enabled);
    }

    @Test
    void aRegionOverrideTakesTheRegionOutOfEveryProfileAndLapsesAtItsUntil() {
        Instant until = T0.plusSeconds(30);
        ControllerInputs in = in(OperatorState.NONE.with(new OverrideKey.Region("westus2"), override(false, 1, until)));
        Snapshot off = SnapshotBuilder.build(in, null);
        assertThat(off.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DISABLED);
        assertThat(off.table().statusOf(B_WESTUS2)).isEqualTo(HealthStatus.DISABLED);
        assertThat(off.table().statusOf(B_EASTUS)).isEqualTo(HealthStatus.CHECKING);
        assertThat(off.operator().nextLapse(T0)).isEqualTo(until);

        ControllerInputs before = new ControllerEvent.Tick(until.minusMillis(1)).applyTo(in);
        assertThat(before.operator()).isSameAs(in.operator());
        ControllerInputs after = new ControllerEvent.Tick(until).applyTo(before);
        Snapshot on = SnapshotBuilder.build(after, off);
        assertThat(on.operator().overrides()).isEmpty();
        assertThat(on.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.CHECKING);
        assertThat(on.table().statusOf(B_WESTUS2)).isEqualTo(HealthStatus.CHECKING);
    }

    @Test
    void anOverrideThatLapsedWhileTheDirectorWasDownIsGoneAtStartAndALiveOneStays() {
        OperatorState saved = OperatorState.NONE
                .with(new OverrideKey.Region("westus2"), override(false, 1, T0.minusSeconds(1)))
                .with(new OverrideKey.Endpoint(B_EASTUS), override(false, 2, T0.plusSeconds(3600)));
        ControllerInputs in = in(saved);

        assertThat(in.operator().overrides()).containsOnlyKeys(new OverrideKey.Endpoint(B_EASTUS));
        Snapshot s = SnapshotBuilder.build(in, null);
        assertThat(s.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.CHECKING);
        assertThat(s.table().statusOf(B_EASTUS)).isEqualTo(HealthStatus.DISABLED);
    }

    @Test
    void aLapsedOverrideAnotherDirectorStillSendsDoesNotComeBack() {
        ControllerInputs in = new ControllerEvent.Tick(T0.plusSeconds(100)).applyTo(in(OperatorState.NONE));
        ControllerInputs after = new ControllerEvent.OverridesReceived(Map.of(new OverrideKey.Region("westus2"),
                override(false, 1, T0.plusSeconds(50)))).applyTo(in);
        assertThat(after.operator().overrides()).isEmpty();
    }

    /** healthyWhen over a's two-monitor westus2, each monitor at the status given. */
    @ParameterizedTest(name = "healthyWhen {0}: {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            all | ONLINE   | ONLINE   | ONLINE
            all | ONLINE   | DEGRADED | DEGRADED
            all | DEGRADED | ONLINE   | DEGRADED
            all | ONLINE   | CHECKING | CHECKING
            any | ONLINE   | DEGRADED | ONLINE
            any | DEGRADED | DEGRADED | DEGRADED
            1   | DEGRADED | ONLINE   | ONLINE
            2   | DEGRADED | ONLINE   | DEGRADED
            """)
    void healthyWhenCombinesEachMonitorsOwnState(String rule, HealthStatus first, HealthStatus second,
                                                   HealthStatus expected) {
        ControllerInputs in = inputs(YAML.replace("HEALTHY_WHEN", rule), 0, OperatorState.NONE);
        Monitors monitors = in.deployment().probes().get(A_WESTUS2);
        Map<ProbeTarget, ProbeHealth> health = new HashMap<>();
        put(health, monitors.targets().get(0), first);
        put(health, monitors.targets().get(1), second);
        Snapshot s = SnapshotBuilder.build(new ControllerEvent.ProbeHealthChanged(health).applyTo(in), null);

        assertThat(s.table().healthOf(A_WESTUS2)).isEqualTo(expected);
        assertThat(s.localStatus(A_WESTUS2)).isEqualTo(expected);
        assertThat(s.table().healthOf(B_WESTUS2)).as("b's westus2 has only the first monitor").isEqualTo(first);
    }

    @Test
    void aFiringAlertDegradesItsRegionWhateverTheProbesSayAndItsResolutionEndsThat() {
        ControllerInputs in = in(OperatorState.NONE);
        Map<ProbeTarget, ProbeHealth> health = new HashMap<>();
        in.deployment().probes().values().forEach(m -> m.targets().forEach(t -> put(health, t, HealthStatus.ONLINE)));
        in = new ControllerEvent.ProbeHealthChanged(health).applyTo(in);
        AtomicLong stamps = new AtomicLong();
        AlertNotice firing = new AlertNotice("f1", true, Map.of("alertname", "GatewayErrors", "meridian_region", "westus2"), null);
        AlertNotice noise = new AlertNotice("f2", true, Map.of("alertname", "DiskFull"), null);
        AlertNotice unknown = new AlertNotice("f3", true, Map.of("meridian_endpoint", "a/nowhere"), null);

        AlertChanges changes = AlertChanges.of(List.of(firing, noise, unknown), in, T0, "alertmanager 127.0.0.1",
                () -> stamp(10 + stamps.incrementAndGet()));
        assertThat(changes.matched()).isEqualTo(1);
        assertThat(changes.ignored()).isEqualTo(1);
        assertThat(changes.unknown()).containsExactly("meridian_endpoint=a/nowhere");
        ControllerInputs alerted = new ControllerEvent.OperatorStateChanged(apply(in.operator(), changes)).applyTo(in);
        Snapshot s = SnapshotBuilder.build(alerted, null);
        assertThat(s.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(s.table().statusOf(B_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(s.table().statusOf(A_EASTUS)).isEqualTo(HealthStatus.ONLINE);
        assertThat(s.alerted()).containsEntry(A_WESTUS2, "GatewayErrors");
        assertThat(changes.result(alerted.operator(), alerted.deployment()).degrading()).containsExactly("a/westus2", "b/westus2");

        AlertChanges again = AlertChanges.of(List.of(firing), alerted, T0.plusSeconds(60), "am", () -> stamp(99));
        assertThat(again.changes()).as("the same alert firing again changes nothing").isEmpty();

        AlertNotice resolved = new AlertNotice("f1", false, firing.labels(), T0.plusSeconds(90));
        AlertChanges end = AlertChanges.of(List.of(resolved), alerted, T0.plusSeconds(90), "am", () -> stamp(100));
        Snapshot back = SnapshotBuilder.build(new ControllerEvent.OperatorStateChanged(apply(alerted.operator(), end))
                .applyTo(alerted), s);
        assertThat(back.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.ONLINE);
        assertThat(back.alerted()).isEmpty();
    }

    @Test
    void anAlertPastItsEndsAtStopsCounting() {
        ControllerInputs in = in(OperatorState.NONE);
        AlertNotice firing = new AlertNotice("f1", true, Map.of("meridian_endpoint", "b/eastus"), T0.plusSeconds(20));
        ControllerInputs alerted = new ControllerEvent.OperatorStateChanged(apply(in.operator(),
                AlertChanges.of(List.of(firing), in, T0, "am", () -> stamp(5)))).applyTo(in);
        assertThat(SnapshotBuilder.build(alerted, null).table().statusOf(B_EASTUS)).isEqualTo(HealthStatus.DEGRADED);

        Snapshot later = SnapshotBuilder.build(new ControllerEvent.Tick(T0.plusSeconds(20)).applyTo(alerted), null);
        assertThat(later.table().statusOf(B_EASTUS)).isEqualTo(HealthStatus.CHECKING);
    }

    private static OperatorState apply(OperatorState state, AlertChanges changes) {
        OperatorState next = state;
        for (var e : changes.changes().entrySet()) {
            next = next.with(e.getKey(), e.getValue());
        }
        return next;
    }

    private static void put(Map<ProbeTarget, ProbeHealth> health, ProbeTarget target, HealthStatus status) {
        if (status == HealthStatus.CHECKING) {
            return;
        }
        ProbeOutcome outcome = status == HealthStatus.DEGRADED
                ? ProbeOutcome.failed(T0, Duration.ofMillis(300), FailureKind.TIMEOUT, 0, "late")
                : ProbeOutcome.succeeded(T0, Duration.ofMillis(5), 200);
        health.put(target, new ProbeHealth(target, new HealthState(status, 0, 0, T0), outcome, null,
                Duration.ofMillis(5), 1, 0, 0));
    }
}
