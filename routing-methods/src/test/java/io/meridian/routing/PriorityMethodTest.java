package io.meridian.routing;

import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.profile;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link PriorityMethod} row by row. */
class PriorityMethodTest {
    private static final ProfileDefinition PROFILE = profile("p", MethodKind.PRIORITY,
            endpoint("a").priority(1), endpoint("b").priority(2), endpoint("c").priority(3));

    @ParameterizedTest(name = "{0}: [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                              | health                                    | answer | failOpen
            none: every endpoint disabled      | a=disabled b=disabled c=disabled          | -      | false
            some healthy: lowest healthy       | a=online b=online c=online                | a      | false
            some healthy: lowest degraded      | a=degraded b=online c=online              | b      | false
            some healthy: disabled skipped     | a=disabled b=degraded c=online            | c      | false
            some healthy: checking is healthy  | a=degraded b=checking c=online            | b      | false
            some healthy: never probed         |                                           | a      | false
            all degraded: fail open, lowest    | a=degraded b=degraded c=degraded          | a      | true
            all degraded: disabled stays out   | a=disabled b=degraded c=degraded          | b      | true
            """)
    void decisionTable(String row, String health, String answer, boolean failOpen) {
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("p", health), PROFILE);

        for (ClientContext client : new ClientContext[] {
                client(Fixtures.LONDON), client(Fixtures.LONDON_V6), ecs("198.51.100.0", 24), ecs("2001:db8:1::", 48)}) {
            Decision decision = table.decide("p", client, seeded(1));

            assertThat(names(decision)).isEqualTo(answer == null ? "" : answer);
            assertThat(decision.failOpen()).isEqualTo(failOpen);
            assertThat(decision.scopePrefix()).isZero();
            assertThat(decision.ttlSeconds()).isEqualTo(30);
            assertThat(table.failingOpen("p")).isEqualTo(failOpen);
        }
    }

    @ParameterizedTest(name = "alwaysServe with probed status {0} is answered")
    @CsvSource({"degraded", "checking", "online"})
    void alwaysServeIsTreatedAsOnline(String probed) {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY,
                endpoint("a").priority(1).alwaysServe(), endpoint("b").priority(2));
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("p", "a=" + probed + " b=online"), p);

        assertThat(names(table.decide("p", client(Fixtures.LONDON), seeded(1)))).isEqualTo("a");
        assertThat(table.statusOf(new EndpointId("p", "a"))).isEqualTo(HealthStatus.ONLINE);
    }

    @ParameterizedTest(name = "tie in priority goes to config order: {0}")
    @CsvSource({"a=online b=online, a", "a=degraded b=online, b"})
    void equalPrioritiesKeepConfigOrder(String health, String answer) {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY, endpoint("a").priority(5), endpoint("b").priority(5));
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("p", health), p);

        assertThat(names(table.decide("p", client(Fixtures.LONDON), seeded(1)))).isEqualTo(answer);
    }
}
