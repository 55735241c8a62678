package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of SPEC section 10 and the zone keys for delegation: name server addresses, SOA timers. */
class DnsHardeningConfigTest {

    static final String FULL = """
            dns:
              nsid: westus2
              version: "meridian"
              rateLimit: {responsesPerSecond: 20, slip: 3, window: 10s, ipv4Prefix: 22, ipv6Prefix: 48}
              cookies: false
              zones:
                - name: tm.example.test
                  nameservers:
                    - {name: ns1.tm.example.test, addresses: [192.0.2.53, "2001:db8::53"]}
                    - name: ns2.tm.example.test
                      addresses: [198.51.100.53]
                    - ns.provider.example
                  refresh: 6h
                  retry: 2h
                  expire: 30d
                  negativeTtl: 5m
            profiles: []
            """;

    private static List<String> problems(String yaml) {
        return ConfigLoader.parse(yaml, "f.yaml", Map.of()).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void readsEveryHardeningKeyAndTheZonesNameServerAddresses() throws Exception {
        MeridianConfig c = ConfigLoader.parse(FULL, "f.yaml", Map.of()).config().orElseThrow();
        DnsConfig dns = c.dns();
        assertThat(dns.nsid()).contains("westus2");
        assertThat(dns.version()).contains("meridian");
        assertThat(dns.rateLimit()).contains(new RateLimitConfig(20, 3, Duration.ofSeconds(10), 22, 48));
        assertThat(dns.cookies()).isFalse();
        ZoneConfig z = dns.zones().get(0);
        assertThat(z.nameservers()).containsExactly("ns1.tm.example.test", "ns2.tm.example.test", "ns.provider.example");
        assertThat(z.addresses()).containsOnly(
                Map.entry("ns1.tm.example.test", List.of(InetAddress.getByName("192.0.2.53"), InetAddress.getByName("2001:db8::53"))),
                Map.entry("ns2.tm.example.test", List.of(InetAddress.getByName("198.51.100.53"))));
        assertThat(List.of(z.refresh(), z.retry(), z.expire(), z.negativeTtl()))
                .containsExactly(Duration.ofHours(6), Duration.ofHours(2), Duration.ofDays(30), Duration.ofMinutes(5));
    }

    @Test
    void rateLimitDefaultsAllButTheRateAndAnEmptyVersionRefuses() {
        MeridianConfig c = ConfigLoader.parse("""
                dns:
                  version: ""
                  rateLimit: {responsesPerSecond: 5}
                  zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                profiles: []
                """, "f.yaml", Map.of()).config().orElseThrow();
        assertThat(c.dns().rateLimit()).contains(new RateLimitConfig(5, 2, Duration.ofSeconds(15), 24, 56));
        assertThat(c.dns().version()).isEmpty();
    }

    @Test
    void theNsidIsNodeLocal() {
        MeridianConfig mine = ConfigLoader.parse(FULL, "f.yaml", Map.of()).config().orElseThrow();
        MeridianConfig theirs = ConfigLoader.parse(FULL.replace("nsid: westus2", "nsid: eastasia")
                .replace("version: \"meridian\"", "version: \"2\""), "g.yaml", Map.of()).config().orElseThrow();
        MeridianConfig applied = theirs.withNodeLocal(mine);
        assertThat(applied.dns().nsid()).contains("westus2");
        assertThat(applied.dns().version()).as("shared").contains("2");
        assertThat(applied.dns().rateLimit()).isEqualTo(mine.dns().rateLimit());
    }

    @Test
    void badValuesNameFileLineColumnAndField() {
        assertThat(problems("""
                dns:
                  nsid: "west us"
                  rateLimit: {responsesPerSecond: 0, slip: 101, window: 2h, ipv4Prefix: 33}
                  cookies: maybe
                  zones:
                    - name: tm.example.test
                      nameservers:
                        - {name: ns1.other.test, addresses: [192.0.2.53]}
                        - {name: ns2.tm.example.test, addresses: [not-an-ip]}
                        - {name: ns3.tm.example.test, addresses: []}
                      retry: 0s
                profiles: []
                """)).containsExactly(
                "f.yaml:2:9: dns.nsid: west us (expected: 1 to 255 printable ASCII characters without spaces, such as westus2)",
                "f.yaml:3:35: dns.rateLimit.responsesPerSecond: 0 (expected: 1..1000000)",
                "f.yaml:3:44: dns.rateLimit.slip: 101 (expected: 0..100)",
                "f.yaml:3:57: dns.rateLimit.window: 2h (expected: 1s..1h)",
                "f.yaml:3:73: dns.rateLimit.ipv4Prefix: 33 (expected: 8..32)",
                "f.yaml:4:12: dns.cookies: maybe (expected: true or false)",
                "f.yaml:8:46: dns.zones[0].nameservers[0].addresses[0]: addresses for ns1.other.test, which is not below zone "
                        + "tm.example.test (expected: addresses only for a name server inside the zone; one elsewhere gets "
                        + "its addresses from its own zone)",
                "f.yaml:9:51: dns.zones[0].nameservers[1].addresses[0]: not-an-ip (expected: an IPv4 or IPv6 address)",
                "f.yaml:10:50: dns.zones[0].nameservers[2].addresses: [] (expected: its IPv4 and IPv6 addresses, or no addresses key)",
                "f.yaml:11:14: dns.zones[0].retry: 0s (expected: 1s..100d)");
    }

    @Test
    void aProfileCannotTakeTheNameOfANameServerWithAddresses() {
        assertThat(problems("""
                dns:
                  zones:
                    - name: tm.example.test
                      nameservers: [{name: ns1.tm.example.test, addresses: [192.0.2.53]}]
                profiles:
                  - name: p
                    domain: ns1.tm.example.test
                    routing: priority
                    endpoints: [{name: a, target: 192.0.2.1}]
                """)).singleElement().asString().startsWith("f.yaml:7:13: profiles[0].domain: ns1.tm.example.test is a name server");
    }
}
