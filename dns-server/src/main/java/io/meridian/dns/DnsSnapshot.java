package io.meridian.dns;

import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one query is answered from: the zones, compiled for lookups, the routing table,
 * and the cache of encoded responses. Built off the query path by whoever publishes it; the
 * server reads it once per query, so one answer never mixes two generations.
 *
 * <p>The zone index and the response cache depend only on the zones and on which profile
 * answers which name, so {@link #withTable} keeps both when only health changed: a failover
 * does not rebuild the index or empty the cache (cache keys hold the decision's targets).
 */
public final class DnsSnapshot {
    private final List<Zone> zones;
    private final RoutingTable table;
    private final Map<String, String> domains;
    private final ZoneIndex index;

    private DnsSnapshot(List<Zone> zones, RoutingTable table, Map<String, String> domains, ZoneIndex index) {
        this.zones = zones;
        this.table = table;
        this.domains = domains;
        this.index = index;
    }

    /** Compiles the zones and the table's profile names for lookups, with an empty cache. */
    public static DnsSnapshot of(List<Zone> zones, RoutingTable table) {
        List<Zone> copy = List.copyOf(zones);
        Map<String, String> domains = domains(table);
        return new DnsSnapshot(copy, table, domains, new ZoneIndex(copy, domains));
    }

    /** The same zones answered from {@code next}: index and cache kept unless profile names changed. */
    public DnsSnapshot withTable(RoutingTable next) {
        Objects.requireNonNull(next, "table");
        Map<String, String> nextDomains = domains(next);
        return nextDomains.equals(domains) ? new DnsSnapshot(zones, next, domains, index) : of(zones, next);
    }

    public List<Zone> zones() {
        return zones;
    }

    public RoutingTable table() {
        return table;
    }

    ZoneIndex index() {
        return index;
    }

    /** Profile name by its lower-case domain: what the index depends on. */
    private static Map<String, String> domains(RoutingTable table) {
        Map<String, String> byDomain = new LinkedHashMap<>();
        for (ProfileDefinition p : table.profiles()) {
            byDomain.put(p.domain().toLowerCase(Locale.ROOT), p.name());
        }
        return Map.copyOf(byDomain);
    }
}
