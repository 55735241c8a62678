package io.meridian.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules between zones and between profiles and zones.
 *
 * <pre>
 * rule                                        reported at
 * the same listen address twice               the second address
 * the same zone twice                         the second zone's name
 * a zone inside another zone                  the inner zone's name
 * a profile domain outside every zone         the domain
 * a profile domain at a zone apex             the domain (the apex answers SOA and NS)
 * addresses for a name server outside its zone the first address (its own zone serves them)
 * a profile domain that is a name server with  the domain (the name answers A/AAAA from the
 *   addresses                                    addresses)
 * </pre>
 */
final class ZoneRules {
    private ZoneRules() {
    }

    static void check(ServiceReader.DnsDraft dns, List<ProfileReader.Draft> profiles, Problems problems) {
        Map<IpPort, Sourced<IpPort>> seen = new HashMap<>();
        for (Sourced<IpPort> l : dns.listen()) {
            Sourced<IpPort> first = seen.putIfAbsent(l.value(), l);
            if (first != null) {
                problems.add(l.loc(), l.value() + " (expected: each address once; also at line " + first.loc().line() + ")");
            }
        }
        List<Sourced<String>> zones = dns.zones().stream().map(ServiceReader.ZoneDraft::name)
                .filter(n -> n != null).toList();
        for (int i = 0; i < zones.size(); i++) {
            Sourced<String> zone = zones.get(i);
            for (int j = 0; j < zones.size(); j++) {
                Sourced<String> other = zones.get(j);
                if (j < i && other.value().equals(zone.value())) {
                    problems.add(zone.loc(), zone.value() + " (expected: each zone once; also at line "
                            + other.loc().line() + ")");
                } else if (!other.value().equals(zone.value()) && DomainNames.isWithin(zone.value(), other.value())) {
                    problems.add(zone.loc(), zone.value() + " lies inside zone " + other.value()
                            + " (expected: zones that do not nest; serve " + zone.value() + " from the outer zone)");
                }
            }
        }
        Map<String, String> glued = new HashMap<>(); // name server with addresses -> its zone
        for (ServiceReader.ZoneDraft z : dns.zones()) {
            if (z.name() == null) {
                continue;
            }
            z.addresses().forEach((ns, ips) -> {
                if (DomainNames.isWithin(ns, z.name().value()) && !ns.equals(z.name().value())) {
                    glued.put(ns, z.name().value());
                } else {
                    problems.add(ips.get(0).loc(), "addresses for " + ns + ", which is not below zone " + z.name().value()
                            + " (expected: addresses only for a name server inside the zone; one elsewhere"
                            + " gets its addresses from its own zone)");
                }
            });
        }
        if (zones.isEmpty()) {
            return; // missing zones were reported already; every domain would be "outside"
        }
        for (ProfileReader.Draft p : profiles) {
            Sourced<String> domain = p.domain();
            if (domain == null) {
                continue;
            }
            Optional<String> zone = zones.stream().map(Sourced::value)
                    .filter(z -> DomainNames.isWithin(domain.value(), z)).findFirst();
            if (zone.isEmpty()) {
                problems.add(domain.loc(), domain.value() + " is outside every zone (expected: a name inside "
                        + String.join(" or ", zones.stream().map(Sourced::value).toList()) + ")");
            } else if (zone.get().equals(domain.value())) {
                problems.add(domain.loc(), domain.value() + " is a zone apex (expected: a name below the apex, "
                        + "which answers SOA and NS, such as app." + domain.value() + ")");
            } else if (glued.containsKey(domain.value())) {
                problems.add(domain.loc(), domain.value() + " is a name server of zone " + glued.get(domain.value())
                        + " with addresses (expected: another name; the name server answers its own addresses)");
            }
        }
    }
}
