package io.meridian.director.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.config.ConfigLoader;
import io.meridian.config.MeridianConfig;
import io.meridian.director.state.Monitors;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AdminView;
import io.meridian.routing.AllDown;
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
                  - {name: uksouth, target: "2001:db8:0:0:0:0:0:1", probeAddress: "[2001:db8::2]:8443"}
            """;

    private static final EndpointId WESTUS2 = new EndpointId("us", "westus2");
    private static final EndpointId EASTUS = new EndpointId("us", "eastus");
    private static final EndpointId NORTHEUROPE = new EndpointId("eu", "northeurope");
    private static final EndpointId UKSOUTH = new EndpointId("eu", "uksouth");

    private final MeridianConfig config = ConfigLoader.parse(CONFIG, "test.yaml", Map.of()).orElseThrow();
    private final Deployment deployment = DeploymentMapper.map(config);

    @Test
    void everyLeafThatIsNotAlwaysServedHasAProbeWithProbeAddressAndHostName() {
        assertThat(deployment.probes()).containsOnlyKeys(WESTUS2, EASTUS, NORTHEUROPE, UKSOUTH);
        ProbeTarget westus2 = deployment.probes().get(WESTUS2).first();
        assertThat(westus2.connectAddress()).isEqualTo("127.0.0.1");
        assertThat(westus2.port()).isEqualTo(9001);
        assertThat(westus2.hostName()).isEqualTo("contoso-westus2-01.regional.azure-api.net");
        ProbeTarget northeurope = deployment.probes().get(NORTHEUROPE).first();
        assertThat(northeurope.hostName()).isNull();
        assertThat(northeurope.port()).isEqualTo(443);
        assertThat(deployment.probes().get(UKSOUTH).first().connectAddress()).isEqualTo("2001:db8::2");
    }

    @Test
    void anIpTargetKeepsTheConfigsText() {
        assertThat(deployment.profiles().get(2).endpoints().get(2).target().text()).isEqualTo("2001:db8::1");
    }

    @Test
    void endpointsDisabledInTheConfigAreNotProbedUnlessAnOperatorEnablesThem() {
        assertThat(ProbePlan.probed(deployment, AdminView.configured())).containsOnlyKeys(WESTUS2, NORTHEUROPE, UKSOUTH);

        AdminView eastusOn = (id, configured) -> id.equals(EASTUS) || configured;
        assertThat(ProbePlan.probed(deployment, eastusOn)).containsKey(EASTUS);

        AdminView westus2Off = (id, configured) -> !id.equals(WESTUS2) && configured;
        assertThat(ProbePlan.probed(deployment, westus2Off)).as("an operator's disable keeps the probe")
                .containsKey(WESTUS2);
    }

    @Test
    void aNestedProfileIsDetectedAsSlowlyAsItsSlowestChild() {
        Map<String, Duration> bounds = DetectionBounds.of(deployment.profiles(),
                ProbePlan.probed(deployment, AdminView.configured()), AdminView.configured(), false);

        assertThat(bounds).containsEntry("us", Duration.ofSeconds(2 + 3 * 3)) // 2s + 3 * (1s + 2s)
                .containsEntry("eu", Duration.ofSeconds(1 + 1 * 2))            // 1s + 1 * (1s + 1s)
                .containsEntry("global", Duration.ofSeconds(11));
    }

    @Test
    void inAClusterTheBoundAddsOneIntervalOfPhaseAndTheViewsPropagation() {
        Map<String, Duration> bounds = DetectionBounds.of(deployment.profiles(),
                ProbePlan.probed(deployment, AdminView.configured()), AdminView.configured(), true);
        assertThat(bounds).containsEntry("us", Duration.ofSeconds(11 + 10 + 1));
    }

    @Test
    void aDisabledEndpointDoesNotCountTowardsTheBound() {
        AdminView usOff = (id, configured) -> !id.equals(new EndpointId("global", "us")) && configured;
        AdminView westus2Off = (id, configured) -> !id.equals(WESTUS2) && configured;

        assertThat(DetectionBounds.of(deployment.profiles(), ProbePlan.probed(deployment, usOff), usOff, false))
                .containsEntry("global", Duration.ofSeconds(3)); // eu's bound only
        assertThat(DetectionBounds.of(deployment.profiles(), ProbePlan.probed(deployment, westus2Off), westus2Off, false))
                .containsEntry("us", Duration.ZERO);
    }

    @Test
    void anEditedProbeContinuesTheHealthOfTheOneItReplaces() {
        Map<EndpointId, Monitors> before = ProbePlan.probed(deployment, AdminView.configured());
        MeridianConfig edited = ConfigLoader.parse(CONFIG.replace("timeout: 2s", "timeout: 3s"), "test.yaml", Map.of())
                .orElseThrow();
        Map<EndpointId, Monitors> after = ProbePlan.probed(DeploymentMapper.map(edited), AdminView.configured());

        assertThat(ProbePlan.seeds(before, after)).containsExactly(Map.entry(after.get(WESTUS2).first(), before.get(WESTUS2).first()));
    }

    @Test
    void endpointsThatProbeTheSameThingShareOneProbe() {
        MeridianConfig twice = ConfigLoader.parse(CONFIG.replace("  - name: eu\n", """
                  - name: us-copy
                    domain: copy.tm.example.test
                    routing: priority
                    monitor: {protocol: HTTP, interval: 10s, timeout: 2s, toleratedFailures: 3, retryInterval: 1s}
                    endpoints:
                      - {name: w, target: contoso-westus2-01.regional.azure-api.net, probeAddress: "127.0.0.1:9001"}
                  - name: eu
                """), "test.yaml", Map.of()).orElseThrow();
        Map<EndpointId, Monitors> probed = ProbePlan.probed(DeploymentMapper.map(twice), AdminView.configured());

        assertThat(probed.get(new EndpointId("us-copy", "w"))).isEqualTo(probed.get(WESTUS2));
        assertThat(ProbePlan.users(probed).get(probed.get(WESTUS2).first()))
                .containsExactly(WESTUS2, new EndpointId("us-copy", "w"));
    }

    private static final String OPERATED = """
            dns:
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            profiles:
              - name: contoso
                domain: contoso.tm.example.test
                routing: priority
                allDown: lastResort
                lastResort: 192.0.2.250
                monitor: {protocol: HTTP, interval: 10s, timeout: 2s, toleratedFailures: 3, retryInterval: 1s}
                endpoints:
                  - name: westus2
                    target: contoso-westus2-01.regional.azure-api.net
                    region: westus2
                    probeAddress: "127.0.0.1:9001"
                    healthyWhen: any
                    monitor:
                      - {path: /status-0123456789abcdef}
                      - {path: /login/health, expectBody: ok, interval: 30s, timeout: 5s}
                  - {name: eastus, target: 192.0.2.20, location: {region: eastus}}
                  - {name: lab, target: 192.0.2.30, location: {lat: 1, lon: 2}}
            """;

    @Test
    void aMonitorListIsOneProbePerItemEachInheritingTheProfilesKeys() {
        Deployment d = DeploymentMapper.map(ConfigLoader.parse(OPERATED, "test.yaml", Map.of()).orElseThrow());
        Monitors westus2 = d.probes().get(new EndpointId("contoso", "westus2"));

        assertThat(westus2.targets()).extracting(t -> t.settings().path()).containsExactly("/status-0123456789abcdef",
                "/login/health");
        assertThat(westus2.targets()).allSatisfy(t -> assertThat(t.port()).isEqualTo(9001));
        assertThat(westus2.targets().get(1).settings().expectBody()).isEqualTo("ok");
        assertThat(westus2.targets().get(0).settings().retryInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(westus2.required()).as("healthyWhen: any").isEqualTo(1);
        assertThat(d.probes().get(new EndpointId("contoso", "eastus")).required()).as("all of one").isEqualTo(1);
        assertThat(DetectionBounds.of(d.profiles(), d.probes(), AdminView.configured(), false))
                .as("the slower monitor bounds the endpoint: 5s + 3 * (1s + 5s), not 2s + 3 * (1s + 2s)")
                .containsEntry("contoso", Duration.ofSeconds(5 + 3 * 6));
    }

    @Test
    void regionsComeFromTheRegionKeyOrALocationNamingOneWithTheirCoordinates() {
        Deployment d = DeploymentMapper.map(ConfigLoader.parse(OPERATED, "test.yaml", Map.of()).orElseThrow());

        assertThat(d.regions().names()).containsExactly("westus2", "eastus");
        assertThat(d.regions().endpointsOf("westus2")).containsExactly(new EndpointId("contoso", "westus2"));
        assertThat(d.regions().of(new EndpointId("contoso", "lab"))).isNull();
        assertThat(d.regions().locations().get("westus2").lat()).isBetween(47.0, 48.0);
        assertThat(d.profiles().get(0).endpoints().get(0).location()).as("region gives the location")
                .isEqualTo(d.regions().locations().get("westus2"));
    }

    @Test
    void allDownAndTheLastResortTargetReachTheRoutingDefinition() {
        Deployment d = DeploymentMapper.map(ConfigLoader.parse(OPERATED, "test.yaml", Map.of()).orElseThrow());

        assertThat(d.profiles().get(0).allDown()).isEqualTo(AllDown.LAST_RESORT);
        assertThat(d.profiles().get(0).lastResort().text()).isEqualTo("192.0.2.250");
        assertThat(deployment.profiles().get(0).allDown()).as("the default").isEqualTo(AllDown.FAIL_OPEN);
    }
}
