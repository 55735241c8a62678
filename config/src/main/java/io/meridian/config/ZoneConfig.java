package io.meridian.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A zone the DNS server is authoritative for.
 *
 * @param name        lower case, without the trailing dot
 * @param hostmaster  the SOA RNAME as a DNS name ({@code hostmaster.<zone>} when not set)
 * @param ttl         TTL of the apex SOA and NS records
 * @param negativeTtl TTL of NXDOMAIN/NODATA answers (the SOA minimum)
 */
public record ZoneConfig(String name, List<String> nameservers, String hostmaster, Duration ttl, Duration negativeTtl) {
    public ZoneConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostmaster, "hostmaster");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        nameservers = List.copyOf(nameservers);
        if (nameservers.isEmpty()) {
            throw new IllegalArgumentException("nameservers: [] (expected: at least one)");
        }
    }
}
