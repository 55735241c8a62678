package io.meridian.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one entry of {@code profiles:}; rules across endpoints and profiles live in {@link ProfileRules}. */
final class ProfileReader {
    static final String[] KEYS = {"name", "domain", "redirectHost", "routing", "ttl", "maxAnswers", "fallback",
        "allDown", "lastResort", "monitor", "endpoints"};
    static final Duration TTL = Duration.ofSeconds(30);
    static final Duration MAX_TTL = Duration.ofDays(1);
    static final int MAX_ANSWERS = 2;

    /** What one profile entry sets; null fields are absent or invalid (already reported). */
    record Draft(Loc loc, Sourced<String> name, Sourced<String> domain, Sourced<String> redirectHost,
            Sourced<RoutingMethod> routing, Sourced<Duration> ttl, Sourced<Integer> maxAnswers,
            Sourced<FallbackMode> fallback, Sourced<AllDownPolicy> allDown, Sourced<EndpointTarget> lastResort,
            boolean lastResortGiven, MonitorReader.Draft monitor, Loc endpointsLoc, List<EndpointReader.Draft> endpoints) {
    }

    private ProfileReader() {
    }

    static Optional<Draft> read(YNode node) {
        Optional<YMap> map = node.map(KEYS);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        YMap m = map.get();
        List<EndpointReader.Draft> endpoints = new ArrayList<>();
        Optional<YNode> list = m.require("endpoints", "a list of endpoints");
        list.flatMap(YNode::list).ifPresent(items -> {
            if (items.isEmpty()) {
                list.get().problem("[] (expected: at least one endpoint)");
            }
            for (int i = 0; i < items.size(); i++) {
                EndpointReader.read(items.get(i), i).ifPresent(endpoints::add);
            }
        });
        return Optional.of(new Draft(node.loc(),
                m.parseRequired("name", "a profile name", Names::parse),
                m.parseRequired("domain", "the DNS name the profile answers, inside a zone", DomainNames::parse),
                m.parse("redirectHost", DomainNames::parse),
                m.parseRequired("routing", "priority | weighted | performance | geographic | multivalue | subnet",
                        Scalars.oneOf(RoutingMethod.values(), false)),
                m.parse("ttl", Durations.wholeSeconds(Duration.ZERO, MAX_TTL)),
                m.parse("maxAnswers", Scalars.intBetween(1, 8)),
                m.parse("fallback", Scalars.oneOf(FallbackMode.values(), false)),
                m.parse("allDown", AllDownPolicy::parse),
                m.parse("lastResort", EndpointReader::target),
                m.has("lastResort"),
                MonitorReader.read(m.get("monitor")),
                list.map(YNode::loc).orElse(m.missingLoc("endpoints")),
                endpoints));
    }
}
