package io.meridian.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A zone the DNS server is authoritative for.
 *
 * @param name        lower case, without the trailing dot
 * @param hostmaster  the SOA RNAME as a DNS name ({@code hostmaster.<zone>} when not set)
 * @param ttl         TTL of the apex SOA and NS records
 * @param negativeTtl TTL of NXDOMAIN/NODATA answers (the SOA minimum)
 * @param addresses   the A/AAAA addresses of name servers inside the zone, by name (glue the
 *                    parent holds too); a name server without an entry has none served
 * @param refresh     SOA REFRESH
 * @param retry       SOA RETRY
 * @param expire      SOA EXPIRE
 */
public record ZoneConfig(String name, List<String> nameservers, String hostmaster, Duration ttl, Duration negativeTtl,
                         Map<String, List<InetAddress>> addresses, Duration refresh, Duration retry, Duration expire) {
    public ZoneConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostmaster, "hostmaster");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(expire, "expire");
        nameservers = List.copyOf(nameservers);
        addresses = Map.copyOf(addresses);
        if (nameservers.isEmpty()) {
            throw new IllegalArgumentException("nameservers: [] (expected: at least one)");
        }
    }
}
