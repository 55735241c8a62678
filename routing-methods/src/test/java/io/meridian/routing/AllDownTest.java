package io.meridian.routing;

import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors {@code CompiledProfile.routable}'s all-down table, for every method. */
class AllDownTest {
    private static final Target LAST = new Target.Address(Fixtures.ip("192.0.2.250"), "192.0.2.250");

    private static ProfileDefinition profile(MethodKind method, AllDown policy, Fixtures.EndpointBuilder... endpoints) {
        List<Fixtures.EndpointBuilder> list = Arrays.asList(endpoints);
        return new ProfileDefinition("p", "p.tm.example.test", method, Duration.ofSeconds(30), 2, Fallback.NEAREST,
                list.stream().map(Fixtures.EndpointBuilder::build).toList(), policy,
                policy == AllDown.LAST_RESORT ? LAST : null);
    }

    private static Fixtures.EndpointBuilder located(String name) {
        return endpoint(name).at(Fixtures.WESTUS2).geo(name.equals("a") ? "WORLD" : "GEO-EU").subnets("198.51.100." + (name.charAt(0) - 'a') + "/32");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PRIORITY    | FAIL_OPEN   | a=degraded b=degraded | a          | true  | true
            PRIORITY    | NO_DATA     | a=degraded b=degraded | -          | false | true
            PRIORITY    | LAST_RESORT | a=degraded b=degraded | (lastResort) | false | true
            PRIORITY    | NO_DATA     | a=degraded b=online   | b          | false | false
            WEIGHTED    | NO_DATA     | a=degraded b=degraded | -          | false | true
            WEIGHTED    | LAST_RESORT | a=degraded b=degraded | (lastResort) | false | true
            PERFORMANCE | LAST_RESORT | a=degraded b=degraded | (lastResort) | false | true
            GEOGRAPHIC  | NO_DATA     | a=degraded b=degraded | -          | false | true
            GEOGRAPHIC  | LAST_RESORT | a=degraded b=degraded | (lastResort) | false | true
            MULTIVALUE  | LAST_RESORT | a=degraded b=degraded | (lastResort) | false | true
            MULTIVALUE  | FAIL_OPEN   | a=degraded b=degraded | a,b        | true  | true
            SUBNET      | NO_DATA     | a=degraded b=degraded | -          | false | true
            """)
    void everyMethodFollowsThePolicy(MethodKind method, AllDown policy, String health, String answers,
                                     boolean failOpen, boolean allDown) {
        RoutingTable table = Fixtures.table(List.of(profile(method, policy, located("a").priority(1),
                located("b").priority(2))), Fixtures.healthCell("p", health), GeoLocator.none());

        Decision d = table.explain("p", client(Fixtures.LONDON), seeded(3));
        assertThat(d.answers().isEmpty() ? "-" : names(d).contains(",") ? String.join(",",
                d.answers().stream().map(Endpoint::name).sorted().toList()) : names(d)).isEqualTo(answers);
        assertThat(table.failingOpen("p")).isEqualTo(failOpen);
        assertThat(table.allDown("p")).isEqualTo(allDown);
        if (allDown) {
            assertThat(d.explanation()).contains("allDown " + (policy == AllDown.FAIL_OPEN ? "failOpen"
                    : policy == AllDown.NO_DATA ? "noData" : "lastResort"));
        }
        if (answers.equals("(lastResort)")) {
            assertThat(d.answers().get(0).target()).isEqualTo(LAST);
        }
    }

    @ParameterizedTest(name = "child {0}")
    @CsvSource(delimiter = '|', textBlock = """
            FAIL_OPEN   | child
            LAST_RESORT | child
            NO_DATA     | other
            """)
    void aParentFailingOpenSkipsANestedChildThatWouldAnswerNothing(AllDown childPolicy, String expected) {
        ProfileDefinition child = new ProfileDefinition("child", "child.tm.example.test", MethodKind.PRIORITY,
                Duration.ofSeconds(30), 2, Fallback.NEAREST, List.of(endpoint("c1").build()), childPolicy,
                childPolicy == AllDown.LAST_RESORT ? LAST : null);
        ProfileDefinition other = Fixtures.profile("other", MethodKind.PRIORITY, endpoint("o1"));
        ProfileDefinition parent = Fixtures.profile("parent", MethodKind.PRIORITY,
                endpoint("to-child").nested("child", 1).priority(1), endpoint("to-other").nested("other", 1).priority(2));
        RoutingTable table = Fixtures.table(List.of(child, other, parent), CellHealth.of(Map.of(
                new EndpointId("child", "c1"), HealthStatus.DEGRADED, new EndpointId("other", "o1"), HealthStatus.DEGRADED)),
                GeoLocator.none());

        Decision d = table.decide("parent", client(Fixtures.LONDON), seeded(1));
        assertThat(d.answers()).isNotEmpty();
        assertThat(d.answers().get(0).name()).isEqualTo(expected.equals("child") ? (childPolicy == AllDown.LAST_RESORT
                ? "(lastResort)" : "c1") : "o1");
    }
}
