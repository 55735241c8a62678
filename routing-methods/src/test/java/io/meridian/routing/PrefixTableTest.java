package io.meridian.routing;

import static io.meridian.routing.Fixtures.cidr;
import static io.meridian.routing.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixTableTest {
    private static final PrefixTable TABLE = PrefixTable.build(List.of(
            List.of(cidr("10.0.0.0/8"), cidr("2001:db8::/32")),
            List.of(cidr("10.1.0.0/16"), cidr("2001:db8:ab00::/40")),
            List.of(cidr("10.1.2.0/24"), cidr("2001:db8:ab12:3400::/56")),
            List.of(cidr("0.0.0.0/0")),
            List.of(cidr("10.1.2.129/32"))));

    @ParameterizedTest(name = "{0}/{1} -> endpoint {2}, scope {3}")
    @CsvSource(nullValues = "-", textBlock = """
            10.9.9.9,            32,  0, 32
            10.1.9.9,            32,  1, 32
            10.1.2.3,            32,  2, 32
            10.1.2.129,          32,  4, 32
            10.1.2.0,            24,  2, 32
            10.1.2.0,            23,  1, 32
            11.0.0.1,            32,  3, 32
            2001:db8:ab12:3456::1, 128, 2, 56
            2001:db8:ab12:3400::,  48,  1, 56
            2001:db8:ff::1,      128, 0, 56
            2001:db9::1,         128, -, -
            """)
    void longestPrefixWins(String address, int maxPrefix, Integer endpoint, Integer scope) {
        PrefixTable.Match match = TABLE.lookup(ip(address), maxPrefix);

        if (endpoint == null) {
            assertThat(match).isNull();
            assertThat(TABLE.missScope(ip(address))).isEqualTo(56);
        } else {
            assertThat(match.endpoint()).isEqualTo(endpoint);
            assertThat(match.scope()).isEqualTo(scope);
        }
    }

    @ParameterizedTest(name = "{0} has scope {1}")
    @CsvSource({"10.1.2.200, 32", "10.1.3.1, 32", "10.2.0.1, 32", "11.0.0.1, 32"})
    void scopeCoversEveryMoreSpecificEntryInside(String address, int scope) {
        // every IPv4 entry contains 10.1.2.129/32 or is it, so the scope is 32 throughout
        assertThat(TABLE.lookup(ip(address), 32).scope()).isEqualTo(scope);
    }
}
