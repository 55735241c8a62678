package io.meridian.director.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.config.ConfigLoader;
import io.meridian.config.MeridianConfig;
import io.meridian.director.state.OperatorOverrides;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.EndpointId;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentMapperTest {
    private static final String CONFIG = """
            dns:
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            profiles:
              - name: global
                domain: global.tm.example.test
                routing: priority
                endpoints:
                  - {name: us, profile: us}
                  - {name: eu, profile: eu}
              - name: us
                domain: us.tm.example.test
                routing: priority
                monitor: {protocol: HTTP, interval: 10s, timeout: 2s, toleratedFailures: 3, retryInterval: 1s}
                endpoints:
                  - {name: westus2, target: contoso-westus2-01.regional.azure-api.net, probeAddress: "127.0.0.1:9001"}
                  - {name: eastus, target: 192.0.2.20, enabled: false}
              - name: eu
                domain: eu.tm.example.test
                routing: priority
                monitor: {protocol: HTTPS, interval: 10s, timeout: 1s, toleratedFailures: 1, retryInterval: 1s}
                endpoints:
                  - {name: westeurope, target: 198.51.100.10, alwaysServe: true}
                  - {name: northeurope, target: 198.51.100.11}
            """;

    private final MeridianConfig config = ConfigLoader.parse(CONFIG, "test.yaml", Map.of()).orElseThrow();

    @Test
    void probesOnlyEnabledLeavesThatAreNotAlwaysServedWithProbeAddressAndHostName() {
        Deployment d = DeploymentMapper.map(config, OperatorOverrides.NONE, 1);

        assertThat(d.probeTargets()).extracting(ProbeTarget::id)
                .containsExactly(new EndpointId("us", "westus2"), new EndpointId("eu", "northeurope"));
        ProbeTarget westus2 = d.probeTargets().get(0);
        assertThat(westus2.connectAddress()).isEqualTo("127.0.0.1");
        assertThat(westus2.port()).isEqualTo(9001);
        assertThat(westus2.hostName()).isEqualTo("contoso-westus2-01.regional.azure-api.net");
        ProbeTarget northeurope = d.probeTargets().get(1);
        assertThat(northeurope.hostName()).isNull();
        assertThat(northeurope.port()).isEqualTo(443);
    }

    @Test
    void aNestedProfileIsDetectedAsSlowlyAsItsSlowestChild() {
        Deployment d = DeploymentMapper.map(config, OperatorOverrides.NONE, 1);

        assertThat(d.detection()).containsEntry("us", Duration.ofSeconds(2 + 3 * 3)) // 2s + 3 * (1s + 2s)
                .containsEntry("eu", Duration.ofSeconds(1 + 1 * 2))                   // 1s + 1 * (1s + 1s)
                .containsEntry("global", Duration.ofSeconds(11));
    }

    @Test
    void aDisabledNestedEndpointDoesNotCountTowardsTheParentsBound() {
        OperatorOverrides usOff = OperatorOverrides.NONE.with(new EndpointId("global", "us"), false, true);
        Deployment d = DeploymentMapper.map(config, usOff, 1);

        assertThat(d.detection()).containsEntry("global", Duration.ofSeconds(3)); // eu's bound only
    }

    @Test
    void anOperatorOverrideReplacesTheConfigsEnabled() {
        EndpointId eastus = new EndpointId("us", "eastus");
        Deployment d = DeploymentMapper.map(config, OperatorOverrides.NONE.with(eastus, true, false), 1);

        assertThat(d.probeTargets()).extracting(ProbeTarget::id).contains(eastus);
        assertThat(d.profiles().get(1).endpoints().get(1).enabled()).isTrue();
    }
}
