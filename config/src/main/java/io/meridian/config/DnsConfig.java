package io.meridian.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DNS server: each listen address serves UDP and TCP.
 *
 * @param udpSize   the largest UDP response sent, whatever larger size a client advertises (EDNS)
 * @param transport how UDP is served on this node (node-local, like listen)
 * @param nsid      this director's NSID (RFC 5001) and CHAOS {@code id.server} answer; node-local.
 *                  Empty: the cluster node name when clustered (the director decides), else none
 * @param version   the CHAOS {@code version.bind} answer; empty: REFUSED
 * @param rateLimit response rate limiting; empty: off
 * @param cookies   whether DNS server cookies (RFC 7873 / 9018) are given and verified
 */
public record DnsConfig(List<IpPort> listen, List<ZoneConfig> zones, int udpSize, Transport transport,
                        Optional<String> nsid, Optional<String> version, Optional<RateLimitConfig> rateLimit,
                        boolean cookies) {
    public DnsConfig {
        listen = List.copyOf(listen);
        zones = List.copyOf(zones);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(nsid, "nsid");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** Without NSID, version or rate limiting; cookies on (the defaults). */
    public DnsConfig(List<IpPort> listen, List<ZoneConfig> zones, int udpSize, Transport transport) {
        this(listen, zones, udpSize, transport, Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    /** This section's shared keys with {@code local}'s node-local ones: listen addresses, transport and NSID. */
    public DnsConfig withNodeLocal(DnsConfig local) {
        return new DnsConfig(local.listen, zones, udpSize, local.transport, local.nsid, version, rateLimit, cookies);
    }

    /** The UDP transports of the DNS server; {@code auto} picks the fastest available at start. */
    public enum Transport { AUTO, MMSG, IO_URING, EPOLL, BLOCKING, VERTX }
}
