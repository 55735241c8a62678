package io.meridian.routing;

import static io.meridian.routing.Fixtures.WESTEUROPE;
import static io.meridian.routing.Fixtures.WESTUS2;
import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.profile;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompiledTableTest {

    @Test
    void findsProfilesByNameAndDomain() {
        ProfileDefinition p = profile("contoso", MethodKind.PRIORITY, endpoint("a"));
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("contoso", ""), p);

        assertThat(table.profileForDomain("contoso.tm.example.test")).contains(p);
        assertThat(table.profileForDomain("Contoso.TM.example.test.")).contains(p);
        assertThat(table.profileForDomain("other.tm.example.test")).isEmpty();
        assertThat(table.profile("contoso")).contains(p);
        assertThat(table.profile("other")).isEmpty();
        assertThat(table.profiles()).containsExactly(p);
    }

    @Test
    void effectiveStatusesAreReported() {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY,
                endpoint("off").disabled(), endpoint("operator-off"), endpoint("always").alwaysServe(),
                endpoint("fresh"), endpoint("down"));
        RoutingTable table = Fixtures.compile(GeoLocator.none(),
                healthCell("p", "off=online operator-off=disabled always=degraded down=degraded"), p);

        assertThat(table.statusOf(new EndpointId("p", "off"))).isEqualTo(HealthStatus.DISABLED);
        assertThat(table.statusOf(new EndpointId("p", "operator-off"))).isEqualTo(HealthStatus.DISABLED);
        assertThat(table.statusOf(new EndpointId("p", "always"))).isEqualTo(HealthStatus.ONLINE);
        assertThat(table.statusOf(new EndpointId("p", "fresh"))).isEqualTo(HealthStatus.CHECKING);
        assertThat(table.statusOf(new EndpointId("p", "down"))).isEqualTo(HealthStatus.DEGRADED);
        assertThat(table.statusOf(new EndpointId("p", "nobody"))).isEqualTo(HealthStatus.CHECKING);
        assertThat(table.failingOpen("p")).isFalse();
    }

    @Test
    void theOperatorLayerDisablesWithoutHidingHealth() {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY,
                endpoint("a"), endpoint("b"), endpoint("off").disabled(), endpoint("nested-off").nested("c", 1));
        ProfileDefinition child = profile("c", MethodKind.PRIORITY, endpoint("c1"));
        EndpointId a = new EndpointId("p", "a");
        EndpointId off = new EndpointId("p", "off");
        EndpointId nested = new EndpointId("p", "nested-off");
        // a is disabled by an operator while its probes fail; off is disabled in the config and
        // enabled by an operator; nested-off is a nested endpoint an operator disabled
        AdminView admin = (id, configured) -> id.equals(off) || (configured && !id.equals(a) && !id.equals(nested));
        HealthView health = HealthView.of(Map.of(a, HealthStatus.DEGRADED, off, HealthStatus.ONLINE,
                new EndpointId("c", "c1"), HealthStatus.ONLINE));
        RoutingTable table = RoutingTable.compile(List.of(p, child), health, admin, GeoLocator.none(),
                LatencyEstimator.greatCircle());

        assertThat(table.statusOf(a)).isEqualTo(HealthStatus.DISABLED);
        assertThat(table.healthOf(a)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(table.statusOf(off)).isEqualTo(HealthStatus.ONLINE);
        assertThat(table.statusOf(nested)).isEqualTo(HealthStatus.DISABLED);
        assertThat(table.healthOf(nested)).isEqualTo(HealthStatus.ONLINE);
        assertThat(names(table.decide("p", client(Fixtures.LONDON), seeded(1)))).isEqualTo("b");
    }

    @Test
    void unknownProfileIsAnError() {
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("p", ""),
                profile("p", MethodKind.PRIORITY, endpoint("a")));

        assertThatThrownBy(() -> table.decide("q", client(Fixtures.LONDON), seeded(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile: q");
    }

    @Test
    void duplicateProfileNamesAreRejected() {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY, endpoint("a"));

        assertThatThrownBy(() -> Fixtures.table(List.of(p, p), healthCell("p", ""), GeoLocator.none()))
                .hasMessageContaining("p is defined twice");
    }

    @ParameterizedTest
    @EnumSource(value = MethodKind.class, names = {"PRIORITY", "WEIGHTED", "MULTIVALUE"})
    void methodsThatNeedNoLocationNeverAskTheLocator(MethodKind method) {
        FixedGeoLocator locator = FixedGeoLocator.world();
        ProfileDefinition p = profile("p", method, endpoint("a").at(WESTUS2), endpoint("b").at(WESTEUROPE).priority(2));
        RoutingTable table = Fixtures.compile(locator, healthCell("p", ""), p);

        table.decide("p", client(Fixtures.LONDON), seeded(1));
        table.explain("p", client(Fixtures.LONDON), seeded(1));

        assertThat(locator.lookups()).isZero();
    }

    @Test
    void clientIndependentDecisionsArePrecomputed() {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY, endpoint("a"), endpoint("b").priority(2));
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("p", "a=degraded"), p);

        Decision first = table.decide("p", client(Fixtures.LONDON), seeded(1));

        assertThat(table.decide("p", client(Fixtures.TOKYO_V6), seeded(2))).isSameAs(first);
        assertThat(first.explanation()).contains("p [priority]", "answered b", "skipped a (degraded)");
    }

    @Test
    void weightedDrawsReuseOneDecisionPerEndpoint() {
        ProfileDefinition p = profile("w", MethodKind.WEIGHTED, endpoint("a"), endpoint("b").priority(2));
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("w", ""), p);
        RandomGenerator random = seeded(5);
        java.util.Map<String, Decision> firstByAnswer = new java.util.HashMap<>();

        for (int i = 0; i < 50; i++) {
            Decision decision = table.decide("w", client(Fixtures.LONDON), random);
            assertThat(decision).isSameAs(firstByAnswer.computeIfAbsent(Fixtures.names(decision), k -> decision));
        }
        assertThat(firstByAnswer).containsOnlyKeys("a", "b");
    }

    @Test
    void hotPathGivesASummaryAndExplainGivesTheReason() {
        ProfileDefinition p = profile("perf", MethodKind.PERFORMANCE,
                endpoint("westus2").at(WESTUS2), endpoint("westeurope").at(WESTEUROPE).priority(2));
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("perf", ""), p);

        assertThat(table.decide("perf", client(Fixtures.LONDON), seeded(1)).explanation())
                .isEqualTo("performance over 2 routable endpoint(s) (explain for details)");
        assertThat(table.explain("perf", client(Fixtures.LONDON), seeded(1)).explanation())
                .contains("198.51.100.10/32", "GB-ENG", "answered westeurope");
    }

    @Test
    void failOpenIsExplained() {
        ProfileDefinition p = profile("p", MethodKind.PRIORITY, endpoint("a"), endpoint("b").priority(2));
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("p", "a=degraded b=degraded"), p);

        Decision decision = table.explain("p", client(Fixtures.LONDON), seeded(1));

        assertThat(decision.failOpen()).isTrue();
        assertThat(decision.explanation()).contains("failing open");
    }
}
