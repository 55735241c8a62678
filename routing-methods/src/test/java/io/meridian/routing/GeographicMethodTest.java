package io.meridian.routing;

import static io.meridian.routing.Fixtures.EASTASIA;
import static io.meridian.routing.Fixtures.EASTUS;
import static io.meridian.routing.Fixtures.WESTEUROPE;
import static io.meridian.routing.Fixtures.WESTUS2;
import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link GeographicMethod} row by row. */
class GeographicMethodTest {

    private static ProfileDefinition profile(Fallback fallback, boolean world) {
        List<Fixtures.EndpointBuilder> endpoints = new ArrayList<>(List.of(
                endpoint("wa").at(WESTUS2).priority(1).geo("US-WA"),
                endpoint("us").at(EASTUS).priority(2).geo("US", "CA"),
                endpoint("eu").at(WESTEUROPE).priority(3).geo("GEO-EU")));
        if (world) {
            endpoints.add(endpoint("world").at(EASTASIA).priority(4).geo("WORLD"));
        }
        return Fixtures.profile("geo", MethodKind.GEOGRAPHIC, fallback, 1,
                endpoints.toArray(Fixtures.EndpointBuilder[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                          | health                         | fallback | world | client         | ecs | answer | scope | failOpen
            routable: subdivision beats country            | -                              | NONE     | true  | 198.51.100.20  | -   | wa     | 20    | false
            routable: country beats group                  | -                              | NONE     | true  | 198.51.100.40  | -   | us     | 22    | false
            routable: group beats WORLD                    | -                              | NONE     | true  | 198.51.100.10  | -   | eu     | 24    | false
            routable: group, IPv6 client                   | -                              | NONE     | true  | 2001:db8:1::10 | -   | eu     | 48    | false
            routable: group, ECS /20 in a /24 network: 24  | -                              | NONE     | true  | 198.51.100.10  | 20  | eu     | 24    | false
            routable: group, ECS source 0: scope 0         | -                              | NONE     | true  | 198.51.100.10  | 0   | eu     | 0     | false
            routable: WORLD catches the rest               | -                              | NONE     | true  | 203.0.113.30   | -   | world  | 16    | false
            routable: WORLD catches an unknown location    | -                              | NONE     | true  | 192.0.2.99     | -   | world  | 32    | false
            routable: checking counts healthy              | wa=checking                    | NONE     | true  | 198.51.100.20  | -   | wa     | 20    | false
            not routable: degraded, nearest                | wa=degraded                    | NEAREST  | true  | 198.51.100.20  | -   | us     | 20    | false
            not routable: degraded, none                   | wa=degraded                    | NONE     | true  | 198.51.100.20  | -   | -      | 20    | false
            not routable: disabled, nearest                | eu=disabled                    | NEAREST  | true  | 198.51.100.10  | -   | us     | 24    | false
            not routable: disabled, none                   | eu=disabled                    | NONE     | true  | 198.51.100.10  | -   | -      | 24    | false
            not routable: no less specific code is tried   | wa=degraded                    | NONE     | true  | 198.51.100.20  | 24  | -      | 20    | false
            no code matches: nearest                       | -                              | NEAREST  | false | 203.0.113.30   | -   | wa     | 16    | false
            no code matches: none                          | -                              | NONE     | false | 203.0.113.30   | -   | -      | 16    | false
            no code matches: IPv6, nearest                 | -                              | NEAREST  | false | 2001:db8:3::30 | -   | wa     | 32    | false
            no code matches: unknown location, nearest     | -                              | NEAREST  | false | 192.0.2.99     | -   | wa     | 32    | false
            no code matches: unknown location, ECS         | -                              | NEAREST  | false | 192.0.2.0      | 24  | wa     | 24    | false
            no routable endpoint                           | wa=disabled us=disabled eu=disabled world=disabled | NEAREST | true | 198.51.100.20 | - | - | 0  | false
            one routable endpoint, nearest                 | wa=disabled us=disabled eu=online world=degraded   | NEAREST | true | 198.51.100.20 | - | eu | 0  | false
            all degraded: fail open, matched answered      | wa=degraded us=degraded eu=degraded world=degraded | NONE    | true | 198.51.100.10 | - | eu | 24 | true
            """)
    void decisionTable(String row, String health, Fallback fallback, boolean world, String address, Integer ecs,
                       String answer, int scope, boolean failOpen) {
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("geo", health),
                profile(fallback, world));
        ClientContext client = ecs == null ? client(address) : ecs(address, ecs);

        Decision decision = table.decide("geo", client, seeded(1));

        assertThat(names(decision)).isEqualTo(answer == null ? "" : answer);
        assertThat(decision.scopePrefix()).isEqualTo(scope);
        assertThat(decision.failOpen()).isEqualTo(failOpen);
        assertThat(table.explain("geo", client, seeded(1)).answers()).isEqualTo(decision.answers());
    }

    @Test
    void anUnlocatedClientGetsTheScopeOfTheDatabasesEmptyNetwork() {
        RoutingTable table = Fixtures.compile(knowsNothingIn(5), healthCell("geo", ""), profile(Fallback.NEAREST, true));

        assertThat(table.decide("geo", client("192.0.2.99"), seeded(1)).scopePrefix()).isEqualTo(5);
        assertThat(table.decide("geo", ecs("192.0.2.0", 24), seeded(1)).scopePrefix()).isEqualTo(5);
    }

    @Test
    void anEmptyNetworkMoreSpecificThanTheSourceGivesTheLongerScope() {
        // the database knows nothing in a /29 of the resolver's /24 but does know the rest (RFC 7871 7.2.1)
        RoutingTable table = Fixtures.compile(knowsNothingIn(29), healthCell("geo", ""), profile(Fallback.NEAREST, true));

        assertThat(table.decide("geo", ecs("81.2.69.128", 24), seeded(1)).scopePrefix()).isEqualTo(29);
        assertThat(table.decide("geo", ecs("0.0.0.0", 0), seeded(1)).scopePrefix()).isZero();
    }

    /** A database that locates nothing, with an empty network of {@code prefix} around every address. */
    private static GeoLocator knowsNothingIn(int prefix) {
        return new GeoLocator() {
            @Override
            public java.util.Optional<GeoLocation> locate(java.net.InetAddress address) {
                return java.util.Optional.empty();
            }

            @Override
            public int unlocatedPrefix(java.net.InetAddress address, int sourcePrefix) {
                return prefix;
            }
        };
    }

    @Test
    void groupFromContinentWhenCountryIsUnknown() {
        ProfileDefinition p = Fixtures.profile("geo", MethodKind.GEOGRAPHIC, Fallback.NONE, 1,
                endpoint("ap").geo("GEO-AP"), endpoint("eu").geo("GEO-EU"));
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("geo", ""), p);

        assertThat(names(table.decide("geo", client(Fixtures.NOWHERE_POINT), seeded(1)))).isEqualTo("ap");
    }

    @Test
    void explanationSaysWhichCodeMatchedAndWhyItFellBack() {
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("geo", "wa=degraded"),
                profile(Fallback.NEAREST, true));

        String why = table.explain("geo", client(Fixtures.SEATTLE), seeded(1)).explanation();

        assertThat(why).contains("US-WA", "matched wa", "degraded", "fallback nearest", "answered us");
    }

    @Test
    void codeMappedTwiceIsRejected() {
        ProfileDefinition p = Fixtures.profile("geo", MethodKind.GEOGRAPHIC, Fallback.NONE, 1,
                endpoint("a").geo("FR"), endpoint("b").geo("fr"));

        assertThatThrownBy(() -> Fixtures.compile(GeoLocator.none(), healthCell("geo", ""), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geo code fr is mapped to both a and b");
    }
}
