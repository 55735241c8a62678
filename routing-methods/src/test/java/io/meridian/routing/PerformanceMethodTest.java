package io.meridian.routing;

import static io.meridian.routing.Fixtures.EASTASIA;
import static io.meridian.routing.Fixtures.WESTEUROPE;
import static io.meridian.routing.Fixtures.WESTUS2;
import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.profile;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link PerformanceMethod} row by row. */
class PerformanceMethodTest {
    private static final ProfileDefinition PROFILE = profile("perf", MethodKind.PERFORMANCE,
            endpoint("westus2").at(WESTUS2).priority(1),
            endpoint("westeurope").at(WESTEUROPE).priority(2),
            endpoint("eastasia").at(EASTASIA).priority(3));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                   | health                                            | client         | ecs | answer     | scope | failOpen
            none: every endpoint disabled           | westus2=disabled westeurope=disabled eastasia=disabled | 198.51.100.10 | -   | -          | 0     | false
            one routable: same for every client     | westus2=disabled westeurope=degraded eastasia=online | 198.51.100.10 | -  | eastasia   | 0     | false
            point known: London -> nearest          | -                                                 | 198.51.100.10  | -   | westeurope | 24    | false
            point known: London over IPv6           | -                                                 | 2001:db8:1::10 | -   | westeurope | 48    | false
            point known: ECS /16, network /24: 24    | -                                                 | 198.51.100.10  | 16  | westeurope | 24    | false
            point known: ECS source 0: scope 0      | -                                                 | 198.51.100.10  | 0   | westeurope | 0     | false
            point known: ECS longer than network    | -                                                 | 198.51.100.10  | 28  | westeurope | 24    | false
            point known: Seattle                    | -                                                 | 198.51.100.20  | -   | westus2    | 20    | false
            point known: Tokyo over IPv6            | -                                                 | 2001:db8:3::30 | -   | eastasia   | 32    | false
            point known: nearest degraded -> next   | westeurope=degraded                               | 198.51.100.10  | -   | westus2    | 24    | false
            point known: nearest disabled -> next   | westeurope=disabled                               | 198.51.100.10  | -   | westus2    | 24    | false
            point known: checking counts healthy    | westeurope=checking westus2=online                | 198.51.100.10  | -   | westeurope | 24    | false
            unknown location: priority order        | -                                                 | 192.0.2.99     | -   | westus2    | 32    | false
            unknown location: ECS scope = source    | -                                                 | 192.0.2.0      | 24  | westus2    | 24    | false
            unknown location: lowest is degraded    | westus2=degraded                                  | 192.0.2.99     | -   | westeurope | 32    | false
            located without a point: priority       | -                                                 | 203.0.113.70   | -   | westus2    | 8     | false
            all degraded: fail open, nearest        | westus2=degraded westeurope=degraded eastasia=degraded | 198.51.100.10 | - | westeurope | 24    | true
            """)
    void decisionTable(String row, String health, String address, Integer ecs, String answer, int scope,
                       boolean failOpen) {
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("perf", health), PROFILE);
        ClientContext client = ecs == null ? client(address) : ecs(address, ecs);

        Decision decision = table.decide("perf", client, seeded(1));

        assertThat(names(decision)).isEqualTo(answer == null ? "" : answer);
        assertThat(decision.scopePrefix()).isEqualTo(scope);
        assertThat(decision.failOpen()).isEqualTo(failOpen);
        assertThat(table.explain("perf", client, seeded(1)).answers()).isEqualTo(decision.answers());
    }

    @Test
    void tiesGoToTheLowerPriority() {
        ProfileDefinition p = profile("perf", MethodKind.PERFORMANCE,
                endpoint("second").at(WESTEUROPE).priority(2),
                endpoint("first").at(WESTEUROPE).priority(1),
                endpoint("far").at(EASTASIA).priority(0));
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("perf", ""), p);

        assertThat(names(table.decide("perf", client(Fixtures.LONDON), seeded(1)))).isEqualTo("first");
    }

    @Test
    void endpointWithoutLocationRanksLast() {
        ProfileDefinition p = profile("perf", MethodKind.PERFORMANCE,
                endpoint("nowhere").priority(1),
                endpoint("westeurope").at(WESTEUROPE).priority(2));
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("perf", ""), p);

        assertThat(names(table.decide("perf", client(Fixtures.TOKYO), seeded(1)))).isEqualTo("westeurope");
        assertThat(names(table.decide("perf", client(Fixtures.UNKNOWN), seeded(1)))).isEqualTo("nowhere");
    }

    @Test
    void explanationNamesLocationCandidatesAndSkips() {
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("perf", "eastasia=degraded"),
                PROFILE);

        String why = table.explain("perf", client(Fixtures.LONDON), seeded(1)).explanation();

        assertThat(why).contains("performance", "GB-ENG", "westeurope", "nearest of 2", "ms",
                "skipped eastasia (degraded)");
    }
}
