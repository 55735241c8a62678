package io.meridian.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over random flat profiles (1..8 endpoints, random statuses, enabled flags, weights,
 * locations, geo codes and subnets) and random clients:
 * <ol>
 *   <li>no decision of any method ever answers an endpoint that is disabled (by config or health);</li>
 *   <li>for priority, weighted, performance, multivalue, and geographic or subnet with
 *       {@code fallback: nearest}: whenever at least one endpoint is healthy (online or checking),
 *       the answer is non-empty and holds only healthy endpoints. (With {@code fallback: none}
 *       an unmatched client rightly gets nothing, so the property does not hold there.)</li>
 * </ol>
 */
class RoutingPropertiesTest {
    private static final String[] CODES = {"US-WA", "US", "GB", "GEO-EU", "GEO-AS", "WORLD", "JP", "BR"};
    private static final String[] CLIENTS = {Fixtures.LONDON, Fixtures.LONDON_V6, Fixtures.SEATTLE, Fixtures.TOKYO,
            Fixtures.TOKYO_V6, Fixtures.SAO_PAULO, Fixtures.NOWHERE_POINT, Fixtures.UNKNOWN};

    record Case(ProfileDefinition profile, CellHealth health, ClientContext client, long seed) {
    }

    @Property(tries = 500)
    void noDecisionAnswersADisabledEndpoint(@ForAll("cases") Case c) {
        RoutingTable table = Fixtures.table(List.of(c.profile()), c.health(), FixedGeoLocator.world());

        Decision decision = table.decide("p", c.client(), Fixtures.seeded(c.seed()));
        Decision explained = table.explain("p", c.client(), Fixtures.seeded(c.seed()));

        assertThat(explained.answers()).isEqualTo(decision.answers());
        for (Endpoint e : decision.answers()) {
            assertThat(e.enabled()).isTrue();
            assertThat(table.statusOf(new EndpointId("p", e.name()))).isNotEqualTo(HealthStatus.DISABLED);
        }
    }

    @Property(tries = 500)
    void aHealthyEndpointIsAnsweredWheneverOneExists(@ForAll("cases") Case c) {
        ProfileDefinition p = c.profile();
        boolean holds = switch (p.method()) {
            case PRIORITY, WEIGHTED, PERFORMANCE, MULTIVALUE -> true;
            case GEOGRAPHIC, SUBNET -> p.fallback() == Fallback.NEAREST;
        };
        RoutingTable table = Fixtures.table(List.of(p), c.health(), FixedGeoLocator.world());
        boolean anyHealthy = p.endpoints().stream()
                .anyMatch(e -> table.statusOf(new EndpointId("p", e.name())).healthy());

        Decision decision = table.decide("p", c.client(), Fixtures.seeded(c.seed()));

        if (holds && anyHealthy) {
            assertThat(decision.answers()).isNotEmpty();
            assertThat(decision.answers())
                    .allSatisfy(e -> assertThat(table.statusOf(new EndpointId("p", e.name())).healthy()).isTrue());
            assertThat(decision.failOpen()).isFalse();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<EndpointSpec>> endpoints = endpointSpec().list().ofMinSize(1).ofMaxSize(CODES.length);
        return Combinators.combine(
                        Arbitraries.of(MethodKind.class), Arbitraries.of(Fallback.class), endpoints,
                        Arbitraries.of(CLIENTS), Arbitraries.integers().between(0, 32), Arbitraries.longs())
                .as(RoutingPropertiesTest::build);
    }

    private record EndpointSpec(HealthStatus status, boolean enabled, int weight, GeoPoint location, boolean subnet,
                                int codeOffset) {
    }

    private static Arbitrary<EndpointSpec> endpointSpec() {
        Arbitrary<GeoPoint> points = Combinators.combine(
                        Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 180))
                .as(GeoPoint::new).injectNull(0.2);
        return Combinators.combine(Arbitraries.of(HealthStatus.class), Arbitraries.of(true, true, true, false),
                        Arbitraries.integers().between(1, 1000), points, Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, CODES.length - 1))
                .as(EndpointSpec::new);
    }

    private static Case build(MethodKind method, Fallback fallback, List<EndpointSpec> specs, String address,
                              int ecsPrefix, long seed) {
        List<Endpoint> endpoints = new ArrayList<>();
        Map<EndpointId, HealthStatus> health = new HashMap<>();
        int offset = specs.get(0).codeOffset();
        for (int i = 0; i < specs.size(); i++) {
            EndpointSpec s = specs.get(i);
            String name = "e" + i;
            List<Cidr> subnets = s.subnet()
                    ? List.of(Fixtures.cidr("198.51.100." + (i * 32) + "/27"), Fixtures.cidr("2001:db8:" + i + "::/48"))
                    : List.of();
            endpoints.add(new Endpoint(name, new Target.Address(Fixtures.ip("192.0.2." + (i + 1)), "192.0.2." + (i + 1)), s.location(), i,
                    s.weight(), List.of(CODES[(i + offset) % CODES.length]), subnets, s.enabled(), false, null, 0));
            health.put(new EndpointId("p", name), s.status());
        }
        ProfileDefinition profile = new ProfileDefinition("p", "p.tm.example.test", method, Duration.ofSeconds(30),
                1 + (int) Math.floorMod(seed, 3L), fallback, endpoints);
        ClientContext client = ecsPrefix % 2 == 0 || address.contains(":")
                ? Fixtures.client(address)
                : Fixtures.ecs(address, ecsPrefix);
        return new Case(profile, CellHealth.of(health), client, seed);
    }
}
