package io.meridian.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * One zone Meridian is authoritative for: the apex SOA and NS records. Names are stored
 * lower case without the trailing dot.
 *
 * @param name        apex, e.g. {@code tm.example.test}
 * @param nameservers NS targets, at least one
 * @param hostmaster  SOA RNAME as a mailbox name ({@code hostmaster.example.test}); an
 *                    {@code @} is turned into the first dot
 * @param negativeTtl SOA MINIMUM; negative answers are cached for min(SOA TTL, this)
 * @param serial      SOA SERIAL (no secondaries transfer from us; resolvers ignore it)
 * @param refresh     SOA REFRESH
 * @param retry       SOA RETRY
 * @param expire      SOA EXPIRE
 * @param ttl         TTL of the apex SOA and NS records
 * @param addresses   A/AAAA addresses of name servers inside the zone, by lower-case name: those
 *                    names exist and answer them (the glue at the parent, served by us too)
 */
public record Zone(
        String name,
        List<String> nameservers,
        String hostmaster,
        Duration negativeTtl,
        long serial,
        Duration refresh,
        Duration retry,
        Duration expire,
        Duration ttl,
        Map<String, List<InetAddress>> addresses) {

    /** Timers: zonemaster's minimums (refresh >= 4 h, retry >= 1 h, expire >= 7 days); no secondaries use them. */
    public static final long DEFAULT_SERIAL = 1;
    public static final Duration DEFAULT_REFRESH = Duration.ofHours(4);
    public static final Duration DEFAULT_RETRY = Duration.ofHours(1);
    public static final Duration DEFAULT_EXPIRE = Duration.ofDays(14);
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final long MAX_TTL = 0x7fffffffL;

    public Zone {
        name = normalize("name", name);
        hostmaster = normalize("hostmaster", Objects.requireNonNull(hostmaster, "hostmaster").replaceFirst("@", "."));
        nameservers = Objects.requireNonNull(nameservers, "nameservers").stream()
                .map(ns -> normalize("nameservers", ns)).toList();
        if (nameservers.isEmpty()) {
            throw new IllegalArgumentException("nameservers: [] (expected: at least one name)");
        }
        seconds("negativeTtl", negativeTtl);
        seconds("refresh", refresh);
        seconds("retry", retry);
        seconds("expire", expire);
        seconds("ttl", ttl);
        if (serial < 0 || serial > 0xffffffffL) {
            throw new IllegalArgumentException("serial: " + serial + " (expected: 0..4294967295)");
        }
        Map<String, List<InetAddress>> glue = new LinkedHashMap<>();
        String apex = name;
        Objects.requireNonNull(addresses, "addresses").forEach((ns, ips) -> {
            String n = normalize("addresses", ns);
            if (!n.endsWith("." + apex)) {
                throw new IllegalArgumentException("addresses: " + ns + " (expected: a name server below " + apex + ")");
            }
            glue.put(n, List.copyOf(ips));
        });
        addresses = Map.copyOf(glue);
    }

    /** A zone without name server addresses. */
    public Zone(String name, List<String> nameservers, String hostmaster, Duration negativeTtl, long serial,
                Duration refresh, Duration retry, Duration expire, Duration ttl) {
        this(name, nameservers, hostmaster, negativeTtl, serial, refresh, retry, expire, ttl, Map.of());
    }

    /** A zone with the default SOA timers, serial and apex TTL. */
    public static Zone of(String name, List<String> nameservers, String hostmaster, Duration negativeTtl) {
        return new Zone(name, nameservers, hostmaster, negativeTtl,
                DEFAULT_SERIAL, DEFAULT_REFRESH, DEFAULT_RETRY, DEFAULT_EXPIRE, DEFAULT_TTL);
    }

    /**
     * The name servers inside this zone that have no addresses: their names answer NXDOMAIN, which
     * contradicts the glue a parent must hold for them (zonemaster IN_BAILIWICK_ADDR_MISMATCH,
     * dnsviz NO_ADDRESS_FOR_NS_NAME). Harmless only while the zone is not delegated (a demo, a test).
     */
    public List<String> nameserversWithoutAddresses() {
        return nameservers.stream().filter(ns -> ns.endsWith("." + name) && !addresses.containsKey(ns)).toList();
    }

    /** TTL of negative answers (RFC 2308 section 5): min(SOA TTL, SOA MINIMUM). */
    public long negativeTtlSeconds() {
        return Math.min(ttl.getSeconds(), negativeTtl.getSeconds());
    }

    private static String normalize(String field, String name) {
        Objects.requireNonNull(name, field);
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > 253 || n.startsWith(".") || n.contains("..")) {
            throw new IllegalArgumentException(field + ": '" + name + "' (expected: a domain name)");
        }
        for (String label : n.split("\\.")) {
            if (label.length() > 63) {
                throw new IllegalArgumentException(field + ": '" + name + "' (expected: labels of at most 63 characters)");
            }
        }
        return n;
    }

    private static void seconds(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.getSeconds() > MAX_TTL) {
            throw new IllegalArgumentException(field + ": " + d + " (expected: 0s..2147483647s)");
        }
    }
}
