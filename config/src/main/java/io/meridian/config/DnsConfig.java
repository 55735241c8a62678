package io.meridian.config;

import java.util.List;

/**
 * The DNS server: each listen address serves UDP and TCP.
 *
 * @param udpSize the largest UDP response sent, whatever larger size a client advertises (EDNS)
 */
public record DnsConfig(List<IpPort> listen, List<ZoneConfig> zones, int udpSize) {
    public DnsConfig {
        listen = List.copyOf(listen);
        zones = List.copyOf(zones);
    }
}
