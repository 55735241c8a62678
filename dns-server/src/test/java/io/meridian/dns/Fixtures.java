package io.meridian.dns;

import static io.meridian.dns.FakeRoutingTable.profile;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The zone and profiles every test answers from. */
final class Fixtures {

    /** ns1 has an IPv4 and an IPv6 address in the config, ns2 none (answered as NXDOMAIN). */
    static final Zone ZONE = new Zone("tm.example.test", List.of("ns1.tm.example.test", "ns2.tm.example.test"),
            "hostmaster@example.test", Duration.ofSeconds(30), Zone.DEFAULT_SERIAL, Zone.DEFAULT_REFRESH,
            Zone.DEFAULT_RETRY, Zone.DEFAULT_EXPIRE, Zone.DEFAULT_TTL,
            Map.of("ns1.tm.example.test", List.of(address("192.0.2.53"), address("2001:db8::53"))));

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private Fixtures() {
    }

    static DnsSnapshot snapshot() {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add("2001:db8::" + Integer.toHexString(i));
        }
        return DnsSnapshot.of(List.of(ZONE), new FakeRoutingTable(
                profile("api", "api.tm.example.test", 10, "192.0.2.1"),
                profile("dual", "dual.tm.example.test", 10, "192.0.2.1", "2001:db8::1"),
                profile("v6", "v6.tm.example.test", 10, "2001:db8::1"),
                profile("cname", "www.tm.example.test", 20, "contoso-westus2-01.regional.azure-api.net"),
                profile("nested", "a.b.tm.example.test", 10, "192.0.2.2"),
                profile("many", "many.tm.example.test", 10, many.toArray(String[]::new)),
                profile("ecs", "ecs.tm.example.test", 10, "198.51.100.1", "203.0.113.1"),
                profile("fine", "fine.tm.example.test", 10, "198.51.100.2"),
                profile("broken", "broken.tm.example.test", 10, "192.0.2.3")));
    }
}
