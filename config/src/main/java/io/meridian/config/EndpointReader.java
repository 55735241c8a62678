package io.meridian.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads one entry of a profile's {@code endpoints:} and checks what concerns that entry alone. */
final class EndpointReader {
    static final String[] KEYS = {"name", "target", "profile", "minChildEndpoints", "probeAddress", "region", "location",
        "priority", "weight", "geo", "subnets", "enabled", "alwaysServe", "monitor", "healthyWhen", "beaconUrl"};
    /** Keys that only make sense for a probed leaf endpoint, not for a nested profile. */
    private static final List<String> LEAF_ONLY = List.of("probeAddress", "alwaysServe", "monitor", "healthyWhen",
            "region", "beaconUrl");

    /**
     * What one endpoint entry sets; null fields are absent or invalid (already reported).
     *
     * @param priority defaulted to the 1-based position in the list when absent
     * @param geoLoc   where {@code geo:} is written, null when absent; likewise {@code subnetsLoc}, {@code locationLoc}
     * @param monitors one monitor override, or one per monitor of a list (at least one; empty overrides without {@code monitor:})
     */
    record Draft(Loc loc, Sourced<String> name, Sourced<EndpointTarget> target, Sourced<String> profile,
            Sourced<Integer> minChild, Sourced<IpPort> probe, Sourced<String> region, Sourced<Location> location,
            Loc locationLoc, Sourced<Integer> priority,
            Sourced<Integer> weight, List<Sourced<String>> geo, Loc geoLoc, List<Sourced<CidrBlock>> subnets,
            Loc subnetsLoc, Sourced<Boolean> enabled, Sourced<Boolean> alwaysServe, List<MonitorReader.Draft> monitors,
            Sourced<HealthyWhen> healthyWhen, Sourced<String> beaconUrl) {

        /** True when no priority was written and the position in the list stands in. */
        boolean priorityDefaulted() {
            return priority != null && priority.loc().line() == loc.line() && priority.loc().column() == loc.column();
        }

        String label() {
            return name == null ? loc.path() : name.value();
        }
    }

    private EndpointReader() {
    }

    static Optional<Draft> read(YNode node, int index) {
        Optional<YMap> map = node.map(KEYS);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        YMap m = map.get();
        Sourced<String> name = m.parseRequired("name", "an endpoint name", Names::parse);
        boolean nested = m.has("profile");
        if (nested && m.has("target")) {
            m.get("profile").get().problem("set together with target (expected: either target or profile)");
        } else if (!nested && !m.has("target")) {
            m.self().reading().problems().add(m.missingLoc("target"),
                    "missing (expected: target, or profile for a nested profile)");
        }
        if (nested) {
            for (String key : LEAF_ONLY) {
                m.get(key).ifPresent(n -> n.problem("set on a nested-profile endpoint (expected: only on endpoints with a target)"));
            }
        } else {
            m.get("minChildEndpoints").ifPresent(n ->
                    n.problem("set on an endpoint with a target (expected: only with profile)"));
        }
        Sourced<Integer> priority = m.parse("priority", Scalars.intBetween(1, 1000));
        if (priority == null && !m.has("priority")) {
            priority = new Sourced<>(index + 1, m.missingLoc("priority"));
        }
        for (String key : List.of("geo", "subnets")) {
            m.get(key).ifPresent(n -> n.list().filter(List::isEmpty).ifPresent(l ->
                    n.problem("[] (expected: at least one entry, or no " + key + " key)")));
        }
        Loc geoLoc = m.get("geo").map(YNode::loc).orElse(null);
        Loc subnetsLoc = m.get("subnets").map(YNode::loc).orElse(null);
        Sourced<String> region = m.parse("region", EndpointReader::region);
        Sourced<Location> location = m.get("location").map(LocationReader::read).orElse(null);
        if (region != null) {
            location = located(region, location, m);
        }
        return Optional.of(new Draft(node.loc(), name,
                m.parse("target", EndpointReader::target),
                m.parse("profile", Names::parse),
                m.parse("minChildEndpoints", Scalars.intBetween(1, 1000)),
                m.parse("probeAddress", IpPort.parser(1)),
                region,
                location,
                m.get("location").map(YNode::loc).orElse(null),
                priority,
                m.parse("weight", Scalars.intBetween(1, 1000)),
                m.parseEach("geo", GeoCodes::parse), geoLoc,
                m.parseEach("subnets", CidrBlock::parse), subnetsLoc,
                m.parse("enabled", Scalars::bool),
                m.parse("alwaysServe", Scalars::bool),
                MonitorReader.readEach(m.get("monitor")),
                m.parse("healthyWhen", HealthyWhen::parse),
                m.parse("beaconUrl", LatencyReader::beaconUrl)));
    }

    /**
     * {@code region:} gives the location when {@code location:} is absent (from the Azure table: an
     * unknown name is then an error); with both, a {@code location: {region: ...}} must name the same one.
     */
    private static Sourced<Location> located(Sourced<String> region, Sourced<Location> location, YMap m) {
        if (location != null) {
            location.value().region().filter(named -> !named.equals(region.value())).ifPresent(named ->
                    m.self().reading().problems().add(region.loc(), region.value() + " while location names region "
                            + named + " (expected: the same region, or location as lat and lon)"));
            return location;
        }
        if (m.has("location")) {
            return null; // a location that did not read (reported): no second problem here
        }
        try {
            return new Sourced<>(LocationReader.region(region.value()), region.loc());
        } catch (BadValue e) {
            m.self().reading().problems().add(region.loc(), e.getMessage().replace(" (expected: ", " and no location is set"
                    + " (expected: a location: {lat, lon}, or "));
            return null;
        }
    }

    /** A region's name, as Azure writes them (lower case letters and digits), known or not. */
    static String region(String text) throws BadValue {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.matches("[a-z][a-z0-9-]{0,62}")) {
            throw BadValue.expected(text, "a region name such as westus2");
        }
        return t;
    }

    /** An IP literal, else a DNS name; never a lookup. */
    static EndpointTarget target(String text) throws BadValue {
        Optional<InetAddress> ip = IpLiterals.parse(text.strip());
        if (ip.isPresent()) {
            return new EndpointTarget.Ip(ip.get());
        }
        try {
            return new EndpointTarget.Host(DomainNames.parse(text));
        } catch (BadValue e) {
            throw BadValue.expected(text, "an IPv4 or IPv6 address or a host name such as "
                    + "contoso-westus2-01.regional.azure-api.net");
        }
    }
}
