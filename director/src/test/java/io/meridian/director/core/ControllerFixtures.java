package io.meridian.director.core;

import io.meridian.config.ConfigText;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.Stamp;
import io.meridian.probes.FailureKind;
import io.meridian.probes.HealthState;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeOutcome;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Inputs for controller tests: a two-profile config over shared gateways, health and overrides by hand. */
final class ControllerFixtures {
    static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    static final EndpointId A_WESTUS2 = new EndpointId("a", "westus2");
    static final EndpointId A_WESTEUROPE = new EndpointId("a", "westeurope");
    static final EndpointId B_WESTUS2 = new EndpointId("b", "westus2");

    /** Profiles a and b both probe westus2 (127.0.0.1:9001) the same way; westeurope is a's alone. */
    static final String YAML = """
            dns:
              listen: ["127.0.0.1:0"]
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            profiles:
              - name: a
                domain: a.tm.example.test
                routing: priority
                ttl: 10s
                monitor: {protocol: HTTP, path: /status, interval: 1s, timeout: 300ms, toleratedFailures: 0}
                endpoints:
                  - {name: westus2, target: contoso-westus2-01.regional.azure-api.net, probeAddress: "127.0.0.1:9001"}
                  - {name: westeurope, target: contoso-westeurope-01.regional.azure-api.net, probeAddress: "127.0.0.1:9002"}
              - name: b
                domain: b.tm.example.test
                routing: priority
                monitor: {protocol: HTTP, path: /status, interval: 1s, timeout: 300ms, toleratedFailures: 0}
                endpoints:
                  - {name: westus2, target: contoso-westus2-01.regional.azure-api.net, probeAddress: "127.0.0.1:9001"}
            """;

    private ControllerFixtures() {
    }

    static LoadedConfig config(String yaml) {
        try {
            return LoadedConfig.parse(new ConfigText(Path.of("test.yaml"), yaml), Map.of(), null);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Stamp stamp(long second) {
        return new Stamp(T0.plusSeconds(second).toEpochMilli(), 0, "westus2");
    }

    static ControllerInputs inputs(String yaml, long configSecond, OperatorState operator) {
        LoadedConfig config = config(yaml);
        return ControllerInputs.initial("westus2", config,
                new ConfigVersion(stamp(configSecond), config.text().sha256()), operator, null, T0);
    }

    static OperatorState disabled(EndpointId id, long second) {
        return OperatorState.NONE.with(new OverrideKey.Endpoint(id),
                new OperatorOverride(false, T0.plusSeconds(second), "westus2", "192.0.2.7", null, null, stamp(second)));
    }

    static ProbeTarget probeOf(ControllerInputs in, EndpointId id) {
        return in.deployment().probes().get(id).first();
    }

    /** Health with every given probe at {@code status}, after {@code probes} probes. */
    static Map<ProbeTarget, ProbeHealth> health(ControllerInputs in, HealthStatus status, long probes, EndpointId... ids) {
        Map<ProbeTarget, ProbeHealth> health = new HashMap<>();
        for (EndpointId id : ids) {
            ProbeTarget target = probeOf(in, id);
            ProbeOutcome outcome = status == HealthStatus.DEGRADED
                    ? ProbeOutcome.failed(T0, Duration.ofMillis(300), FailureKind.TIMEOUT, 0, "late")
                    : ProbeOutcome.succeeded(T0, Duration.ofMillis(5), 200);
            health.put(target, new ProbeHealth(target, new HealthState(status,
                    status == HealthStatus.DEGRADED ? 1 : 0, status == HealthStatus.ONLINE ? 1 : 0, T0),
                    outcome, null, Duration.ofMillis(5), probes, 0, 1));
        }
        return health;
    }
}
