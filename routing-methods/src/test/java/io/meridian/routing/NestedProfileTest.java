package io.meridian.routing;

import static io.meridian.routing.Fixtures.WESTEUROPE;
import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nested profiles two levels deep: top (priority) -> emea (performance) -> uk (priority).
 * A nested endpoint is online when its child has >= minChildEndpoints healthy endpoints.
 */
class NestedProfileTest {
    private static final GeoPoint LONDON = new GeoPoint(51.5, -0.1);
    private static final GeoPoint STOCKHOLM = new GeoPoint(59.33, 18.06);

    private static List<ProfileDefinition> profiles(int minEmea) {
        return List.of(
                Fixtures.profile("top", MethodKind.PRIORITY,
                        endpoint("emea").priority(1).nested("emea", minEmea),
                        endpoint("z").priority(2)),
                Fixtures.profile("emea", MethodKind.PERFORMANCE,
                        endpoint("uk").at(LONDON).priority(1).nested("uk", 1),
                        endpoint("weu").at(WESTEUROPE).priority(2),
                        endpoint("neu").at(STOCKHOLM).priority(3)),
                Fixtures.profile("uk", MethodKind.PRIORITY,
                        endpoint("uk1").priority(1), endpoint("uk2").priority(2)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                            | min | health                                             | client        | ecs | answer | scope | failOpen
            all healthy: two levels down to a leaf            | 1   | -                                                  | 198.51.100.10 | -   | uk1    | 24    | false
            all healthy: IPv6 client                          | 1   | -                                                  | 2001:db8:1::10| -   | uk1    | 48    | false
            all healthy: ECS /20 in a /24 network: 24         | 1   | -                                                  | 198.51.100.10 | 20  | uk1    | 24    | false
            grandchild leaf degraded: next leaf               | 1   | uk/uk1=degraded                                    | 198.51.100.10 | -   | uk2    | 24    | false
            grandchild all degraded: uk skipped               | 1   | uk/uk1=degraded uk/uk2=degraded                    | 198.51.100.10 | -   | weu    | 24    | false
            child has too few healthy: top falls to z         | 3   | uk/uk1=degraded uk/uk2=degraded                    | 198.51.100.10 | -   | z      | 0     | false
            child all degraded: emea degraded, z answered     | 1   | uk/uk1=degraded uk/uk2=degraded emea/weu=degraded emea/neu=degraded | 198.51.100.10 | - | z | 0 | false
            everything degraded: fail open down the tree      | 1   | uk/uk1=degraded uk/uk2=degraded emea/weu=degraded emea/neu=degraded top/z=degraded | 198.51.100.10 | - | uk1 | 24 | true
            nested endpoint disabled                          | 1   | top/emea=disabled                                  | 198.51.100.10 | -   | z      | 0     | false
            unknown location: child answers by priority       | 1   | -                                                  | 192.0.2.99    | -   | uk1    | 32    | false
            checking everywhere counts healthy                | 1   | uk/uk1=checking emea/weu=checking                  | 198.51.100.10 | -   | uk1    | 24    | false
            """)
    void decisionTable(String row, int min, String health, String address, Integer ecs, String answer, int scope,
                       boolean failOpen) {
        RoutingTable table = Fixtures.table(profiles(min), health(health), FixedGeoLocator.world());
        ClientContext client = ecs == null ? client(address) : ecs(address, ecs);

        Decision decision = table.decide("top", client, seeded(1));

        assertThat(names(decision)).isEqualTo(answer);
        assertThat(decision.answers()).allSatisfy(e -> assertThat(e.target()).isNotNull());
        assertThat(decision.profile()).isEqualTo("top");
        assertThat(decision.scopePrefix()).isEqualTo(scope);
        assertThat(decision.failOpen()).isEqualTo(failOpen);
        assertThat(table.explain("top", client, seeded(1)).answers()).isEqualTo(decision.answers());
    }

    @Test
    void nestedStatusIsDerivedFromTheChild() {
        RoutingTable table = Fixtures.table(profiles(2), health("uk/uk1=degraded"), FixedGeoLocator.world());

        assertThat(table.statusOf(new EndpointId("emea", "uk"))).isEqualTo(HealthStatus.ONLINE);
        assertThat(table.statusOf(new EndpointId("top", "emea"))).isEqualTo(HealthStatus.ONLINE);

        RoutingTable worse = Fixtures.table(profiles(3), health("uk/uk1=degraded uk/uk2=degraded"),
                FixedGeoLocator.world());
        assertThat(worse.statusOf(new EndpointId("emea", "uk"))).isEqualTo(HealthStatus.DEGRADED);
        assertThat(worse.statusOf(new EndpointId("top", "emea"))).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void explanationFollowsTheTree() {
        RoutingTable table = Fixtures.table(profiles(1), health(""), FixedGeoLocator.world());

        String why = table.explain("top", client(Fixtures.LONDON), seeded(1)).explanation();

        assertThat(why).contains("top [priority]", "emea [performance]", "uk [priority]", "uk1");
    }

    @Test
    void cycleIsRejected() {
        List<ProfileDefinition> cyclic = List.of(
                Fixtures.profile("a", MethodKind.PRIORITY, endpoint("to-b").nested("b", 1)),
                Fixtures.profile("b", MethodKind.PRIORITY, endpoint("to-a").nested("a", 1)));

        assertThatThrownBy(() -> Fixtures.table(cyclic, health(""), GeoLocator.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a -> b -> a");
    }

    @Test
    void unknownChildIsRejected() {
        List<ProfileDefinition> dangling = List.of(
                Fixtures.profile("a", MethodKind.PRIORITY, endpoint("to-x").nested("x", 1)));

        assertThatThrownBy(() -> Fixtures.table(dangling, health(""), GeoLocator.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile: x");
    }

    /** Health from "profile/endpoint=status" pairs. */
    private static CellHealth health(String cell) {
        Map<EndpointId, HealthStatus> map = new HashMap<>();
        if (cell != null && !cell.isBlank()) {
            for (String pair : cell.trim().split("\\s+")) {
                String[] kv = pair.split("=");
                String[] id = kv[0].split("/");
                map.put(new EndpointId(id[0], id[1]), HealthStatus.valueOf(kv[1].toUpperCase()));
            }
        }
        return CellHealth.of(map);
    }
}
