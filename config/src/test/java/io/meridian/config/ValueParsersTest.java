package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edge cases of the scalar parsers: durations, addresses, CIDRs, geo codes, regions, env substitution. */
class ValueParsersTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms, 500", "10s, 10000", "1m, 60000", "1h, 3600000", "1d, 86400000", "0s, 0", "0ms, 0",
        "' 5s ', 5000", "100d, 8640000000"})
    void durations(String text, long millis) throws BadValue {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-1s | -1s (expected: a positive duration; negative durations are meaningless here)",
        "10 | 10 (expected: a duration such as 500ms, 10s, 1m or 1h; a unit is required)",
        "1.5s | 1.5s (expected: a duration such as 500ms, 10s, 1m or 1h)",
        "10 s | 10 s (expected: a duration such as 500ms, 10s, 1m or 1h)",
        "1m30s | 1m30s (expected: a duration such as 500ms, 10s, 1m or 1h)",
        "ten seconds | ten seconds (expected: a duration such as 500ms, 10s, 1m or 1h)",
        "10S | 10S (expected: a duration such as 500ms, 10s, 1m or 1h)",
        "101d | 101d (expected: at most 100d)",
        "9999999999999999999s | 9999999999999999999s (expected: at most 100d)",
        "999999999999999999d | 999999999999999999d (expected: at most 100d)"})
    void badDurations(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(BadValue.class).hasMessage(message);
    }

    @Test
    void durationRangesAndTtls() throws BadValue {
        ValueParser<Duration> interval = Durations.between(Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(interval.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> interval.parse("0s")).hasMessage("0s (expected: 1s..5m)");
        assertThatThrownBy(() -> interval.parse("999ms")).hasMessage("999ms (expected: 1s..5m)");
        ValueParser<Duration> ttl = Durations.wholeSeconds(Duration.ZERO, Duration.ofDays(1));
        assertThat(ttl.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(ttl.parse("2000ms")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> ttl.parse("25h")).hasMessage("25h (expected: 0s..1d)");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(120))).isEqualTo("2h");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.0.0.0/0, 0.0.0.0/0", "::/0, ::/0", "203.0.113.0/24, 203.0.113.0/24", "192.0.2.1/32, 192.0.2.1/32",
        "2001:DB8::/32, 2001:db8::/32", "2001:db8:0:0:1::/80, 2001:db8:0:0:1::/80", "::ffff:0:0/96, ::ffff:0:0/96",
        "2001:db8::1/128, 2001:db8::1/128"})
    void cidrs(String text, String normalized) throws BadValue {
        assertThat(CidrBlock.parse(text).toString()).isEqualTo(normalized);
    }

    @Test
    void ipv4MappedCidrStaysIpv6() throws BadValue {
        assertThat(CidrBlock.parse("::ffff:0:0/96").network()).isInstanceOf(Inet6Address.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33 | 10.0.0.0/33 (expected: a prefix length 0..32)",
        "2001:db8::/129 | 2001:db8::/129 (expected: a prefix length 0..128)",
        "10.0.0.0/-1 | 10.0.0.0/-1 (expected: a prefix length 0..32)",
        "10.0.0.0/08 | 10.0.0.0/08 (expected: a prefix length 0..32)",
        "10.0.0.0 | 10.0.0.0 (expected: a CIDR such as 203.0.113.0/24 or 2001:db8::/32; the /prefix is required)",
        "10.0.0/8 | 10.0.0/8 (expected: a CIDR such as 203.0.113.0/24 or 2001:db8::/32)",
        "example.com/24 | example.com/24 (expected: a CIDR such as 203.0.113.0/24 or 2001:db8::/32)",
        "10.1.2.3/8 | 10.1.2.3/8 has host bits set (expected: 10.0.0.0/8)",
        "0.0.0.1/0 | 0.0.0.1/0 has host bits set (expected: 0.0.0.0/0)",
        "2001:db8::1/32 | 2001:db8::1/32 has host bits set (expected: 2001:db8::/32)",
        "::1/0 | ::1/0 has host bits set (expected: ::/0)"})
    void badCidrs(String text, String message) {
        assertThatThrownBy(() -> CidrBlock.parse(text)).isInstanceOf(BadValue.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:5353, 127.0.0.1:5353", "[::1]:5353, [::1]:5353", "0.0.0.0:53, 0.0.0.0:53", "[::]:0, [::]:0",
        "[2001:db8:0::1]:8080, [2001:db8::1]:8080", "[::ffff:192.0.2.1]:80, [::ffff:c000:201]:80"})
    void listenAddresses(String text, String normalized) throws BadValue {
        assertThat(IpPort.parser(0).parse(text).toString()).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"localhost:53", "127.0.0.1", "::1:53", "[127.0.0.1]:53", "[::1]53", "[::1]:", "1.2.3.4:65536",
        "1.2.3.4:-1", "01.2.3.4:53", "1.2.3:53", "[fe80::1%eth0]:53", "[1::2::3]:53", "[1:2:3:4:5:6:7:8:9]:53",
        "[12345::]:53", "256.1.1.1:53", "example.com:53"})
    void badAddresses(String text) {
        assertThatThrownBy(() -> IpPort.parser(0).parse(text)).isInstanceOf(BadValue.class)
                .hasMessageStartingWith(text + " (expected: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"::, ::", "::1, ::1", "1::, 1::", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8", "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::192.0.2.1, ::c000:201", "1:2:3:4:5:6:192.0.2.1, 1:2:3:4:5:6:c000:201", "0:0:1::, 0:0:1::"})
    void ipv6Literals(String text, String formatted) {
        assertThat(IpLiterals.parse(text)).hasValueSatisfying(a -> assertThat(IpLiterals.format(a)).isEqualTo(formatted));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"1.2.3.4::", "1:2:3:4:5:6:7:8::", ":1::", "1:::2", "1:2:3:4:5:6:7", "g::1", "::1.2.3", "1.2.3.4.5", "''"})
    void notLiterals(String text) {
        assertThat(IpLiterals.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"US, US", "us, US", "GB, GB", "US-WA, US-WA", "fr-75, FR-75", "CN-BJ, CN-BJ", "WORLD, WORLD",
        "GEO-AP, GEO-AP", "geo-me, GEO-ME", "XK, XK", "GB-ENG, GB-ENG"})
    void geoCodes(String text, String code) throws BadValue {
        assertThat(GeoCodes.parse(text)).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ZZ | ZZ (expected: " + GeoCodes.EXPECTED + ")",
        "USA | USA (expected: " + GeoCodes.EXPECTED + ")",
        "UK | UK (expected: " + GeoCodes.EXPECTED + "; the ISO code of the United Kingdom is GB)",
        "ZZ-WA | ZZ-WA (expected: a subdivision of a known country; ZZ is not an ISO 3166-1 country)",
        "US-WASH | US-WASH (expected: " + GeoCodes.EXPECTED + ")",
        "GEO-XY | GEO-XY (expected: one of WORLD, GEO-AF, GEO-AN, GEO-AS, GEO-AP, GEO-EU, GEO-ME, GEO-NA, GEO-SA)",
        "GEO-OC | GEO-OC (expected: one of WORLD, GEO-AF, GEO-AN, GEO-AS, GEO-AP, GEO-EU, GEO-ME, GEO-NA, GEO-SA;"
            + " Oceania is GEO-AP, Australia/Pacific)",
        "GEO-EUR | GEO-EUR (expected: one of WORLD, GEO-AF, GEO-AN, GEO-AS, GEO-AP, GEO-EU, GEO-ME, GEO-NA, GEO-SA;"
            + " did you mean GEO-EU?)"})
    void badGeoCodes(String text, String message) {
        assertThatThrownBy(() -> GeoCodes.parse(text)).isInstanceOf(BadValue.class).hasMessage(message);
    }

    @Test
    void regionsHaveThePublishedCoordinates() throws BadValue {
        assertThat(LocationReader.region("westus2")).isEqualTo(new Location(47.233, -119.852, java.util.Optional.of("westus2")));
        assertThat(LocationReader.region("WestEurope").lat()).isEqualTo(52.3667);
        assertThat(LocationReader.region("eastasia").lon()).isEqualTo(114.188);
        assertThat(AzureRegions.names()).hasSizeGreaterThanOrEqualTo(50);
        assertThatThrownBy(() -> LocationReader.region("mars")).hasMessage(
                "mars is not a known Azure region (expected: a name such as westus2)");
        assertThatThrownBy(() -> LocationReader.region("westus9")).hasMessageEndingWith("did you mean westus?)");
    }

    @Test
    void environmentSubstitution() throws BadValue {
        EnvSubstitution env = new EnvSubstitution(Map.of("TOKEN", "s3cret", "EMPTY", ""));
        assertThat(env.apply("${TOKEN}")).isEqualTo("s3cret");
        assertThat(env.apply("Bearer ${TOKEN}!")).isEqualTo("Bearer s3cret!");
        assertThat(env.apply("${EMPTY}")).isEmpty();
        assertThat(env.apply("${MISSING:-fallback}")).isEqualTo("fallback");
        assertThat(env.apply("${MISSING:-}")).isEmpty();
        assertThat(env.apply("$${TOKEN} costs $5")).isEqualTo("${TOKEN} costs $5");
        assertThatThrownBy(() -> env.apply("${MISSING}")).hasMessage("${MISSING} (environment variable MISSING is not set)");
        assertThatThrownBy(() -> env.apply("${TOKEN")).hasMessage("${TOKEN (expected: a closing } after ${)");
        assertThatThrownBy(() -> env.apply("${9X}")).hasMessage("${9X} (expected: ${NAME} with NAME made of letters, digits and _)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"contoso.tm.example.test, contoso.tm.example.test", "Contoso.TM.example.test., contoso.tm.example.test",
        "_dmarc.example.test, _dmarc.example.test", "localhost, localhost"})
    void domainNames(String text, String name) throws BadValue {
        assertThat(DomainNames.parse(text)).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-bad.example.test", "bad-.example.test", "a..b", "'.'", "'a b.test'", "300.1.1.1", "ex*ample.test",
        "xn--caf.test-"})
    void badDomainNames(String text) {
        assertThatThrownBy(() -> DomainNames.parse(text)).isInstanceOf(BadValue.class);
    }

    @Test
    void suggestions() {
        assertThat(Suggestions.closest("wieght", java.util.List.of("weight", "priority"))).hasValue("weight");
        assertThat(Suggestions.closest("zzzzzz", java.util.List.of("weight", "priority"))).isEmpty();
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    }
}
