package io.meridian.director.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.config.ConfigLoader;
import io.meridian.routing.AdminView;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safety rule's cases: leaves, nested profiles through minChildEndpoints, what was already off. */
class SafetyRuleTest {
    /** global nests us (minChildEndpoints 2) and eu; solo has one endpoint, off in the config. */
    private static final String CONFIG = """
            dns:
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            profiles:
              - name: global
                domain: global.tm.example.test
                routing: priority
                endpoints:
                  - {name: us, profile: us, minChildEndpoints: 2}
                  - {name: eu, profile: eu}
              - name: us
                domain: us.tm.example.test
                routing: priority
                endpoints:
                  - {name: westus2, target: 192.0.2.1}
                  - {name: eastus, target: 192.0.2.2}
                  - {name: centralus, target: 192.0.2.3}
              - name: eu
                domain: eu.tm.example.test
                routing: priority
                endpoints:
                  - {name: westeurope, target: 192.0.2.4}
              - name: solo
                domain: solo.tm.example.test
                routing: priority
                endpoints:
                  - {name: only, target: 192.0.2.5, enabled: false}
            """;
    private static final List<ProfileDefinition> PROFILES = DeploymentMapper.map(
            ConfigLoader.parse(CONFIG, "test.yaml", Map.of()).orElseThrow()).profiles();

    /** Every endpoint enabled as configured, less those in {@code off} ("profile/endpoint"). */
    private static AdminView without(String off) {
        Set<String> ids = off.equals("-") ? Set.of() : Arrays.stream(off.split(" ")).collect(Collectors.toSet());
        return (EndpointId id, boolean configured) -> configured && !ids.contains(id.toString());
    }

    @ParameterizedTest(name = "off [{0}] then [{1}] -> stranded [{2}]")
    @CsvSource(delimiter = '|', textBlock = """
            -                         | us/westus2                                  | -
            -                         | eu/westeurope                               | eu
            -                         | us/westus2 us/eastus us/centralus            | us
            -                         | eu/westeurope us/westus2 us/eastus           | global eu
            eu/westeurope             | eu/westeurope us/westus2                     | -
            us/westus2                | us/westus2 us/eastus                         | -
            -                         | global/us global/eu                          | global
            -                         | solo/only                                    | -
            eu/westeurope us/westus2  | eu/westeurope us/westus2 us/eastus           | global
            """)
    void aChangeMayNotLeaveAProfileThatHadAnEnabledEndpointWithNone(String before, String after, String stranded) {
        List<String> expected = stranded.equals("-") ? List.of() : List.of(stranded.split(" "));
        assertThat(SafetyRule.stranded(PROFILES, without(before), without(after))).isEqualTo(expected);
    }
}
