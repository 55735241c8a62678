package io.meridian.dns;

import io.meridian.routing.RoutingTable;
import java.util.List;
import java.util.Objects;

/**
 * Everything one query is answered from: the zones and the routing table. The director
 * publishes a new snapshot on every routing or config change; the server reads it once per
 * query, so one answer never mixes two generations.
 */
public record DnsSnapshot(List<Zone> zones, RoutingTable table) {
    public DnsSnapshot {
        zones = List.copyOf(zones);
        Objects.requireNonNull(table, "table");
    }
}
