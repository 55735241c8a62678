package io.meridian.config;

import java.util.List;

/**
 * The DNS server: each listen address serves UDP and TCP.
 *
 * @param udpSize   the largest UDP response sent, whatever larger size a client advertises (EDNS)
 * @param transport how UDP is served on this node (node-local, like listen)
 */
public record DnsConfig(List<IpPort> listen, List<ZoneConfig> zones, int udpSize, Transport transport) {
    public DnsConfig {
        listen = List.copyOf(listen);
        zones = List.copyOf(zones);
    }

    /** The UDP transports of the DNS server; {@code auto} picks the fastest available at start. */
    public enum Transport { AUTO, IO_URING, EPOLL, BLOCKING, VERTX }
}
