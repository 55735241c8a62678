package io.meridian.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the whole document: every section into drafts, then the rules that span sections,
 * then (only when nothing was reported) the immutable {@link MeridianConfig} with defaults.
 */
final class ConfigReader {
    static final String[] KEYS = {"dns", "http", "geoip", "state", "cluster", "profiles", "latency"};

    private ConfigReader() {
    }

    /**
     * @param nodeLocal null to read the whole file; else the file came from another director: its
     *                  node-local keys (listen addresses, geoip, state, cluster) are neither read nor
     *                  checked, and the result carries {@code nodeLocal}'s instead
     */
    static Optional<MeridianConfig> read(YNode root, MeridianConfig nodeLocal) {
        Reading reading = root.reading();
        Problems problems = reading.problems();
        Optional<YMap> map = root.map(KEYS);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        YMap m = map.get();
        boolean local = nodeLocal == null;
        ServiceReader.DnsDraft dns = ServiceReader.dns(m.require("dns", "a dns section with zones"), local);
        HttpConfig http = ServiceReader.http(m.get("http"), local ? null : nodeLocal.http().listen());
        Optional<Path> geoip = local ? ServiceReader.geoip(m.get("geoip")) : nodeLocal.geoipDatabase();
        Path state = local ? ServiceReader.state(m.get("state"), reading) : nodeLocal.stateFile();
        Optional<ClusterConfig> cluster = local ? ClusterReader.read(m.get("cluster")) : nodeLocal.cluster();
        LatencyConfig latency = LatencyReader.read(m.get("latency"));
        List<ProfileReader.Draft> profiles = new ArrayList<>();
        m.get("profiles").flatMap(YNode::list).ifPresent(items ->
                items.forEach(item -> ProfileReader.read(item).ifPresent(profiles::add)));

        ZoneRules.check(dns, profiles, problems);
        ProfileRules.check(profiles, problems);
        NestingRules.check(profiles, problems);
        List<ProfileConfig> built = new ArrayList<>();
        for (ProfileReader.Draft p : profiles) {
            ProfileConfig profile = build(p, problems);
            if (profile != null) {
                built.add(profile);
            }
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        MeridianConfig config = new MeridianConfig(ServiceReader.build(dns), http, geoip, state, cluster, built, latency);
        return Optional.of(local ? config : config.withNodeLocal(nodeLocal));
    }

    /** The profile with every default applied; null when its monitors break a rule (reported). */
    private static ProfileConfig build(ProfileReader.Draft p, Problems problems) {
        MonitorConfig monitor = MonitorRules.resolve(p.monitor(), problems);
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (EndpointReader.Draft e : p.endpoints()) {
            List<MonitorConfig> own = new ArrayList<>();
            for (MonitorReader.Draft item : e.monitors()) {
                MonitorConfig m = MonitorRules.resolve(p.monitor().overriddenBy(item), problems);
                if (m != null) {
                    own.add(m);
                }
            }
            if (own.size() == e.monitors().size() && problems.isEmpty()) {
                endpoints.add(build(e, own));
            }
        }
        if (monitor == null || !problems.isEmpty()) {
            return null;
        }
        return new ProfileConfig(p.name().value(), p.domain().value(),
                Optional.ofNullable(p.redirectHost()).map(Sourced::value), p.routing().value(),
                p.ttl() == null ? ProfileReader.TTL : p.ttl().value(),
                p.maxAnswers() == null ? ProfileReader.MAX_ANSWERS : p.maxAnswers().value(),
                p.fallback() == null ? FallbackMode.NEAREST : p.fallback().value(),
                monitor, p.allDown() == null ? AllDownPolicy.FAIL_OPEN : p.allDown().value(),
                Optional.ofNullable(p.lastResort()).map(Sourced::value), endpoints);
    }

    private static EndpointConfig build(EndpointReader.Draft e, List<MonitorConfig> monitors) {
        return new EndpointConfig(e.name().value(),
                Optional.ofNullable(e.target()).map(Sourced::value),
                Optional.ofNullable(e.profile()).map(Sourced::value),
                e.minChild() == null ? 1 : e.minChild().value(),
                Optional.ofNullable(e.probe()).map(Sourced::value),
                // a nested endpoint has no region of its own: its child's endpoints have theirs
                e.profile() != null ? Optional.empty() : Optional.ofNullable(e.region()).map(Sourced::value)
                        .or(() -> Optional.ofNullable(e.location()).flatMap(l -> l.value().region())),
                Optional.ofNullable(e.location()).map(Sourced::value),
                e.priority().value(),
                e.weight() == null ? 1 : e.weight().value(),
                e.geo().stream().map(Sourced::value).toList(),
                e.subnets().stream().map(Sourced::value).toList(),
                e.enabled() == null || e.enabled().value(),
                e.alwaysServe() != null && e.alwaysServe().value(),
                monitors, e.healthyWhen() == null ? HealthyWhen.ALL : e.healthyWhen().value(),
                Optional.ofNullable(e.beaconUrl()).map(Sourced::value));
    }
}
