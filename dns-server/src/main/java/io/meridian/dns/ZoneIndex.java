package io.meridian.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Zones compiled for lookups: their apex records, the profile that answers each domain, and
 * every name that exists (apexes, profile domains and the empty non-terminals between them,
 * RFC 8020). Also holds the response cache, which lives as long as the index. Immutable but
 * for the cache.
 */
final class ZoneIndex {

    /** One zone with its apex records built once. */
    record ZoneData(Zone zone, Name apex, SOARecord soa, SOARecord negativeSoa, List<NSRecord> ns) { }

    final ResponseCache cache = new ResponseCache();
    private final List<ZoneData> zones;                      // longest apex first
    private final byte[][] apexWires;                        // their apexes in lower-case wire form
    private final Map<String, String> profiles;              // profile name by lower-case domain
    private final Set<String> existing;
    private final Set<String> apexes;
    private final Map<String, List<InetAddress>> nameServerAddresses; // by lower-case name

    /** @param domains profile name by lower-case domain */
    ZoneIndex(List<Zone> zoneList, Map<String, String> domains) {
        List<ZoneData> zs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, List<InetAddress>> glue = new HashMap<>();
        for (Zone z : zoneList) {
            zs.add(compile(z));
            names.add(z.name());
            glue.putAll(z.addresses());
        }
        zs.sort(Comparator.comparingInt((ZoneData z) -> z.apex.labels()).reversed());
        this.zones = List.copyOf(zs);
        this.apexWires = zones.stream().map(z -> z.apex.toWireCanonical()).toArray(byte[][]::new);
        Map<String, String> byDomain = new HashMap<>();
        for (Map.Entry<String, String> profile : domains.entrySet()) {
            String domain = profile.getKey();
            ZoneData z = zoneOf(domain);
            if (z == null) {
                continue; // outside every zone: config validation rejects it; never answered
            }
            byDomain.put(domain, profile.getValue());
            // the domain and its ancestors up to the apex exist (empty non-terminals are NODATA)
            for (String n = domain; n.length() > z.zone().name().length(); n = n.substring(n.indexOf('.') + 1)) {
                names.add(n);
            }
        }
        for (String ns : glue.keySet()) {
            ZoneData z = zoneOf(ns);
            for (String n = ns; z != null && n.length() > z.zone().name().length(); n = n.substring(n.indexOf('.') + 1)) {
                names.add(n); // the name server and the empty non-terminals above it
            }
        }
        this.nameServerAddresses = Map.copyOf(glue);
        this.profiles = Map.copyOf(byDomain);
        this.existing = Set.copyOf(names);
        this.apexes = zoneList.stream().map(Zone::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The zone holding {@code name} (longest apex match), or null: REFUSED. */
    ZoneData zoneFor(Name name) {
        for (ZoneData z : zones) {
            if (name.subdomain(z.apex)) {
                return z;
            }
        }
        return null;
    }

    /** The zone holding a lower-case name without the trailing dot, or null. */
    ZoneData zoneOf(String lowerName) {
        for (ZoneData z : zones) {
            String apex = z.zone().name();
            if (lowerName.equals(apex) || lowerName.endsWith("." + apex)) {
                return z;
            }
        }
        return null;
    }

    /**
     * The zone holding the wire-format name at {@code wire[from, end)} ({@code end} just after its
     * root label, no compression), compared without case and without allocating; null if none.
     */
    ZoneData zoneOf(byte[] wire, int from, int end) {
        for (int i = 0; i < apexWires.length; i++) {
            byte[] apex = apexWires[i];
            int at = end - apex.length;
            int label = from;
            while (label < at) {
                label += (wire[label] & 0xff) + 1;
            }
            if (label == at && equalsIgnoringCase(wire, at, apex)) {
                return zones.get(i);
            }
        }
        return null;
    }

    private static boolean equalsIgnoringCase(byte[] wire, int at, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            int c = wire[at + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    boolean isApex(String lowerName) {
        return apexes.contains(lowerName);
    }

    boolean exists(String lowerName) {
        return existing.contains(lowerName);
    }

    /** The addresses a name server inside a zone answers (A and AAAA), empty for any other name. */
    List<InetAddress> nameServerAddresses(String lowerName) {
        return nameServerAddresses.getOrDefault(lowerName, List.of());
    }

    /**
     * The name of the profile whose routing decision answers (name, qtype), or null when the
     * answer does not depend on routing. The one rule shared by the cached and the uncached
     * path: a profile name answers every type from its decision, except SOA and NS at an apex.
     */
    String routedProfile(String lowerName, int qtype, boolean apex) {
        if (apex && (qtype == Type.SOA || qtype == Type.NS)) {
            return null;
        }
        return profiles.get(lowerName);
    }

    private static ZoneData compile(Zone z) {
        try {
            Name apex = Name.fromString(z.name() + ".");
            long ttl = z.ttl().getSeconds();
            SOARecord soa = soa(z, apex, ttl);
            SOARecord negative = soa(z, apex, z.negativeTtlSeconds());
            List<NSRecord> ns = new ArrayList<>();
            for (String n : z.nameservers()) {
                ns.add(new NSRecord(apex, DClass.IN, ttl, Name.fromString(n + ".")));
            }
            return new ZoneData(z, apex, soa, negative, List.copyOf(ns));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("zone " + z.name() + ": " + e.getMessage(), e);
        }
    }

    private static SOARecord soa(Zone z, Name apex, long ttl) throws TextParseException {
        return new SOARecord(apex, DClass.IN, ttl,
                Name.fromString(z.nameservers().get(0) + "."), Name.fromString(z.hostmaster() + "."),
                z.serial(), z.refresh().getSeconds(), z.retry().getSeconds(), z.expire().getSeconds(),
                z.negativeTtl().getSeconds());
    }
}
