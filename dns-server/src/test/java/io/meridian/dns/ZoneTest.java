package io.meridian.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneTest {

    @Test
    void normalizesNamesAndDerivesTheNegativeTtl() {
        Zone z = Zone.of("TM.Example.Test.", List.of("NS1.tm.example.test."), "hostmaster@example.test", Duration.ofMinutes(5));
        assertThat(z.name()).isEqualTo("tm.example.test");
        assertThat(z.nameservers()).containsExactly("ns1.tm.example.test");
        assertThat(z.hostmaster()).isEqualTo("hostmaster.example.test");
        assertThat(z.negativeTtlSeconds()).isEqualTo(300);
        assertThat(Zone.of("a.test", List.of("ns.a.test"), "h.a.test", Duration.ofDays(1)).negativeTtlSeconds())
                .isEqualTo(3600); // capped by the SOA TTL (RFC 2308)
    }

    @Test
    void rejectsWhatCannotBeServed() {
        assertThatThrownBy(() -> Zone.of("a..test", List.of("ns.a.test"), "h.a.test", Duration.ZERO))
                .hasMessage("name: 'a..test' (expected: a domain name)");
        assertThatThrownBy(() -> Zone.of("a.test", List.of(), "h.a.test", Duration.ZERO))
                .hasMessage("nameservers: [] (expected: at least one name)");
        assertThatThrownBy(() -> Zone.of("x".repeat(64) + ".test", List.of("ns.a.test"), "h.a.test", Duration.ZERO))
                .hasMessageContaining("labels of at most 63 characters");
        assertThatThrownBy(() -> Zone.of("a.test", List.of("ns.a.test"), "h.a.test", Duration.ofSeconds(-1)))
                .hasMessage("negativeTtl: PT-1S (expected: 0s..2147483647s)");
        assertThatThrownBy(() -> new Zone("a.test", List.of("ns.b.test"), "h.a.test", Duration.ZERO, 1, Zone.DEFAULT_REFRESH,
                Zone.DEFAULT_RETRY, Zone.DEFAULT_EXPIRE, Zone.DEFAULT_TTL, java.util.Map.of("ns.b.test", List.of())))
                .hasMessage("addresses: ns.b.test (expected: a name server below a.test)");
    }

    @Test
    void namesTheInZoneNameServersThatHaveNoAddresses() throws Exception {
        // docs/cluster.md's deployment: two directors, ns1 and ns2 inside the zone, one outside it
        Zone z = new Zone("tm.example.test", List.of("ns1.tm.example.test", "ns2.tm.example.test", "ns.provider.test"),
                "h.example.test", Duration.ZERO, 1, Zone.DEFAULT_REFRESH, Zone.DEFAULT_RETRY, Zone.DEFAULT_EXPIRE,
                Zone.DEFAULT_TTL, java.util.Map.of("ns1.tm.example.test", List.of(java.net.InetAddress.getByName("192.0.2.53"))));
        assertThat(z.nameserversWithoutAddresses()).containsExactly("ns2.tm.example.test");
        assertThat(Zone.of("a.test", List.of("ns.b.test"), "h.a.test", Duration.ZERO).nameserversWithoutAddresses()).isEmpty();
    }

    @Test
    void optionsAreValidated() {
        List<InetSocketAddress> listen = List.of(new InetSocketAddress("127.0.0.1", 0));
        assertThat(DnsServerOptions.of(listen).ednsUdpSize()).isEqualTo(1232);
        assertThatThrownBy(() -> new DnsServerOptions(listen, 100, Duration.ofSeconds(1), 1, 1, 1))
                .hasMessage("ednsUdpSize: 100 (expected: 512..65535)");
        assertThatThrownBy(() -> DnsServerOptions.of(List.of(InetSocketAddress.createUnresolved("dns.example", 53))))
                .hasMessageContaining("expected: an IP address");
        assertThatThrownBy(() -> DnsServerOptions.of(listen).withInstances(0))
                .hasMessage("instances: 0 (expected: 1..256)");
    }
}
