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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link SubnetMethod} row by row. */
class SubnetMethodTest {

    private static ProfileDefinition profile(Fallback fallback) {
        return Fixtures.profile("sub", MethodKind.SUBNET, fallback, 1,
                endpoint("a").at(WESTEUROPE).priority(1).subnets("198.51.100.0/24", "2001:db8:1::/48"),
                endpoint("b").at(WESTUS2).priority(2).subnets("198.51.100.0/25"),
                endpoint("c").at(EASTASIA).priority(3).subnets("203.0.113.0/27", "2001:db8:3::/64"),
                endpoint("d").at(EASTUS).priority(4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                           | health                     | fallback | client          | ecs | answer | scope | failOpen
            routable: longest prefix wins                   | -                          | NONE     | 198.51.100.10   | -   | b      | 25    | false
            routable: shorter prefix, scope covers inner    | -                          | NONE     | 198.51.100.200  | -   | a      | 25    | false
            routable: other subnet                          | -                          | NONE     | 203.0.113.30    | -   | c      | 27    | false
            routable: IPv6 client                           | -                          | NONE     | 2001:db8:1::10  | -   | a      | 48    | false
            routable: IPv6 client, ECS /56                  | -                          | NONE     | 2001:db8:3::    | 56  | -      | 56    | false
            routable: IPv6 client, ECS /64                  | -                          | NONE     | 2001:db8:3::    | 64  | c      | 64    | false
            routable: ECS /24 cannot match the /25          | -                          | NONE     | 198.51.100.0    | 24  | a      | 24    | false
            routable: checking counts healthy               | b=checking                 | NONE     | 198.51.100.10   | -   | b      | 25    | false
            not routable: degraded, nearest                 | b=degraded                 | NEAREST  | 198.51.100.10   | -   | a      | 25    | false
            not routable: degraded, none                    | b=degraded                 | NONE     | 198.51.100.10   | -   | -      | 25    | false
            not routable: disabled, nearest                 | b=disabled                 | NEAREST  | 198.51.100.20   | -   | d      | 25    | false
            no match: nearest, unknown location             | -                          | NEAREST  | 192.0.2.99      | -   | a      | 32    | false
            no match: nearest, located                      | -                          | NEAREST  | 203.0.113.50    | -   | d      | 27    | false
            no match: none                                  | -                          | NONE     | 192.0.2.99      | -   | -      | 27    | false
            no match: none, ECS scope capped                | -                          | NONE     | 192.0.2.0       | 24  | -      | 24    | false
            no routable endpoint                            | a=disabled b=disabled c=disabled d=disabled | NEAREST | 198.51.100.10 | - | - | 0 | false
            one routable endpoint, nearest                  | a=disabled b=degraded c=disabled d=online   | NEAREST | 198.51.100.10 | - | d | 0 | false
            all degraded: fail open, match answered         | a=degraded b=degraded c=degraded d=degraded | NONE    | 198.51.100.10 | - | b | 25 | true
            """)
    void decisionTable(String row, String health, Fallback fallback, String address, Integer ecs, String answer,
                       int scope, boolean failOpen) {
        RoutingTable table = Fixtures.compile(FixedGeoLocator.world(), healthCell("sub", health), profile(fallback));
        ClientContext client = ecs == null ? client(address) : ecs(address, ecs);

        Decision decision = table.decide("sub", client, seeded(1));

        assertThat(names(decision)).isEqualTo(answer == null ? "" : answer);
        assertThat(decision.scopePrefix()).isEqualTo(scope);
        assertThat(decision.failOpen()).isEqualTo(failOpen);
        assertThat(table.explain("sub", client, seeded(1)).answers()).isEqualTo(decision.answers());
    }

    @Test
    void locationIsLookedUpOnlyWhenFallingBackToNearest() {
        FixedGeoLocator locator = FixedGeoLocator.world();
        RoutingTable table = Fixtures.compile(locator, healthCell("sub", ""), profile(Fallback.NEAREST));

        table.decide("sub", client(Fixtures.LONDON), seeded(1));
        assertThat(locator.lookups()).isZero();

        table.decide("sub", client(Fixtures.UNKNOWN), seeded(1));
        assertThat(locator.lookups()).isEqualTo(1);
    }

    @Test
    void subnetListedTwiceIsRejected() {
        ProfileDefinition p = Fixtures.profile("sub", MethodKind.SUBNET, Fallback.NONE, 1,
                endpoint("a").subnets("203.0.113.0/24"), endpoint("b").subnets("203.0.113.0/24"));

        assertThatThrownBy(() -> Fixtures.compile(GeoLocator.none(), healthCell("sub", ""), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("203.0.113.0/24 is listed twice");
    }
}
