package io.meridian.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules across profiles and across the endpoints of one profile.
 *
 * <pre>
 * rule                                                     reported at
 * two profiles with one name / domain / redirectHost       the second one
 * two endpoints of one profile with one name               the second one
 * priority: two endpoints with one priority                the second priority
 * performance: an endpoint without location                the endpoint
 * geographic: an endpoint without geo codes                the endpoint (or its empty geo)
 * geographic: one code mapped to two endpoints             the second code
 * multivalue: a host-name target or a nested profile       the target / profile
 * subnet: no endpoint with subnets                         the profile's routing
 * subnet: one CIDR mapped to two endpoints                 the second CIDR
 * maxAnswers without multivalue, fallback without          the key
 *   geographic/subnet, geo without geographic,
 *   subnets without subnet
 * allDown lastResort without lastResort                    allDown
 * lastResort without allDown lastResort                    lastResort
 * multivalue: a host-name lastResort                       lastResort
 * healthyWhen N above the number of monitors               healthyWhen
 * </pre>
 */
final class ProfileRules {
    private ProfileRules() {
    }

    static void check(List<ProfileReader.Draft> profiles, Problems problems) {
        Unique names = new Unique(problems, "profile name");
        Unique domains = new Unique(problems, "domain");
        Unique hosts = new Unique(problems, "redirectHost");
        for (ProfileReader.Draft p : profiles) {
            names.add(p.name());
            domains.add(p.domain());
            hosts.add(p.redirectHost());
            checkEndpoints(p, problems);
            checkAllDown(p, problems);
        }
    }

    private static void checkAllDown(ProfileReader.Draft p, Problems problems) {
        boolean lastResort = p.allDown() != null && p.allDown().value() == AllDownPolicy.LAST_RESORT;
        if (lastResort && !p.lastResortGiven()) {
            problems.add(p.allDown().loc(), "lastResort (expected: a lastResort target too, an IP or a host name)");
        }
        if (!lastResort && p.lastResort() != null) {
            problems.add(p.lastResort().loc(), "set without allDown: lastResort (expected: allDown: lastResort, or no"
                    + " lastResort)");
        }
        if (lastResort && p.lastResort() != null && p.lastResort().value() instanceof EndpointTarget.Host
                && p.routing() != null && p.routing().value() == RoutingMethod.MULTIVALUE) {
            problems.add(p.lastResort().loc(), p.lastResort().value().text() + " is a host name (expected: an IP address:"
                    + " a multivalue profile answers addresses)");
        }
        for (EndpointReader.Draft e : p.endpoints()) {
            if (e.healthyWhen() != null && e.healthyWhen().value().atLeast() > e.monitors().size()) {
                problems.add(e.healthyWhen().loc(), e.healthyWhen().value().text() + " (expected: at most "
                        + e.monitors().size() + ", the number of monitors of " + e.label() + ")");
            }
        }
    }

    private static void checkEndpoints(ProfileReader.Draft p, Problems problems) {
        RoutingMethod method = p.routing() == null ? null : p.routing().value();
        Unique names = new Unique(problems, "endpoint name");
        Unique priorities = new Unique(problems, "priority in a priority profile");
        Map<String, String> geoOwner = new HashMap<>();
        Map<CidrBlock, String> subnetOwner = new HashMap<>();
        onlyWith(p.maxAnswers(), method, Set.of(RoutingMethod.MULTIVALUE), problems);
        onlyWith(p.fallback(), method, Set.of(RoutingMethod.GEOGRAPHIC, RoutingMethod.SUBNET), problems);
        boolean anySubnet = false;
        for (EndpointReader.Draft e : p.endpoints()) {
            names.add(e.name());
            if (method == null) {
                continue;
            }
            if (method == RoutingMethod.PRIORITY) {
                priorities.add(e.priority(), e.priorityDefaulted()
                        ? "; an endpoint without priority gets its position in the list" : "");
            }
            if (method == RoutingMethod.PERFORMANCE && e.locationLoc() == null && e.location() == null) {
                problems.add(e.loc().child("location"), "missing (expected: location of every endpoint of a "
                        + "performance profile, {lat, lon} or {region})");
            }
            if (e.geoLoc() != null && method != RoutingMethod.GEOGRAPHIC) {
                problems.add(e.geoLoc(), "set in a " + name(method) + " profile (expected: only with routing: geographic)");
            }
            if (e.subnetsLoc() != null && method != RoutingMethod.SUBNET) {
                problems.add(e.subnetsLoc(), "set in a " + name(method) + " profile (expected: only with routing: subnet)");
            }
            if (method == RoutingMethod.GEOGRAPHIC) {
                if (e.geoLoc() == null) {
                    problems.add(e.loc().child("geo"), "missing (expected: geographic codes such as [US, CA, GEO-NA])");
                }
                for (Sourced<String> code : e.geo()) {
                    String owner = geoOwner.putIfAbsent(code.value(), e.label());
                    if (owner != null) {
                        problems.add(code.loc(), code.value() + " is already mapped to endpoint " + owner
                                + " (expected: each geographic code on one endpoint of a profile)");
                    }
                }
            }
            if (method == RoutingMethod.MULTIVALUE) {
                if (e.target() != null && e.target().value() instanceof EndpointTarget.Host h) {
                    problems.add(e.target().loc(), h.name() + " (expected: an IPv4 or IPv6 address; "
                            + "multivalue answers hold addresses, not CNAMEs)");
                }
                if (e.profile() != null) {
                    problems.add(e.profile().loc(), e.profile().value()
                            + " (expected: an IP target; multivalue profiles cannot nest profiles)");
                }
            }
            if (method == RoutingMethod.SUBNET) {
                anySubnet |= e.subnetsLoc() != null;
                for (Sourced<CidrBlock> cidr : e.subnets()) {
                    String owner = subnetOwner.putIfAbsent(cidr.value(), e.label());
                    if (owner != null) {
                        problems.add(cidr.loc(), cidr.value() + " is already mapped to endpoint " + owner
                                + " (expected: each subnet on one endpoint of a profile)");
                    }
                }
            }
        }
        if (method == RoutingMethod.SUBNET && !anySubnet && !p.endpoints().isEmpty()) {
            problems.add(p.routing().loc(), "subnet without any subnets (expected: subnets on at least one endpoint)");
        }
    }

    private static void onlyWith(Sourced<?> value, RoutingMethod method, Set<RoutingMethod> allowed, Problems problems) {
        if (value != null && method != null && !allowed.contains(method)) {
            problems.add(value.loc(), value.value().toString().toLowerCase(Locale.ROOT) + " in a "
                    + name(method) + " profile (expected: only with routing: "
                    + String.join(" or ", allowed.stream().map(ProfileRules::name).sorted().toList()) + ")");
        }
    }

    static String name(RoutingMethod m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** Reports the second and later occurrences of a value, pointing back at the first. */
    private static final class Unique {
        private final Problems problems;
        private final String what;
        private final Map<Object, Sourced<?>> seen = new HashMap<>();

        Unique(Problems problems, String what) {
            this.problems = problems;
            this.what = what;
        }

        void add(Sourced<?> value) {
            add(value, "");
        }

        void add(Sourced<?> value, String note) {
            if (value == null) {
                return;
            }
            Sourced<?> first = seen.putIfAbsent(value.value(), value);
            if (first != null) {
                problems.add(value.loc(), value.value() + " (expected: a unique " + what + "; "
                        + value.value() + " is already used at line " + first.loc().line() + note + ")");
            }
        }
    }
}
