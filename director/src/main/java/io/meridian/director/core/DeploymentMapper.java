package io.meridian.director.core;

import io.meridian.config.EndpointConfig;
import io.meridian.config.EndpointTarget;
import io.meridian.config.MeridianConfig;
import io.meridian.config.MonitorConfig;
import io.meridian.config.ProfileConfig;
import io.meridian.config.ZoneConfig;
import io.meridian.director.state.OperatorOverrides;
import io.meridian.dns.Zone;
import io.meridian.probes.DetectionBound;
import io.meridian.probes.MonitorSettings;
import io.meridian.probes.ProbeTarget;
import io.meridian.probes.StatusRange;
import io.meridian.routing.Cidr;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoPoint;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a validated config and the operator overrides to a {@link Deployment}. Pure. */
final class DeploymentMapper {
    private DeploymentMapper() {
    }

    /**
     * @param serial SOA serial for every zone (the director uses the load time, so a reload
     *               shows as a new serial)
     */
    static Deployment map(MeridianConfig config, OperatorOverrides overrides, long serial) {
        List<ProfileDefinition> profiles = new ArrayList<>();
        List<ProbeTarget> targets = new ArrayList<>();
        Map<String, String> redirectHosts = new LinkedHashMap<>();
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        Map<String, Duration> detection = new LinkedHashMap<>();

        for (ProfileConfig profile : config.profiles()) {
            List<Endpoint> mapped = new ArrayList<>();
            Duration worst = Duration.ZERO;
            for (EndpointConfig e : profile.endpoints()) {
                EndpointId id = new EndpointId(profile.name(), e.name());
                boolean enabled = overrides.enabled(id).orElse(e.enabled());
                mapped.add(endpoint(e, enabled));
                if (enabled && !e.alwaysServe() && !e.isNested()) {
                    ProbeTarget target = probeTarget(id, e);
                    targets.add(target);
                    Duration bound = DetectionBound.worstCase(target.settings());
                    worst = bound.compareTo(worst) > 0 ? bound : worst;
                }
            }
            profiles.add(new ProfileDefinition(profile.name(), profile.domain(), method(profile),
                    profile.ttl(), profile.maxAnswers(), Fallback.valueOf(profile.fallback().name()), mapped));
            profile.redirectHost().ifPresent(h -> redirectHosts.put(h.toLowerCase(java.util.Locale.ROOT), profile.name()));
            endpoints.put(profile.name(), profile.endpoints().stream().map(EndpointConfig::name).toList());
            detection.put(profile.name(), worst);
        }
        nestedDetection(config, overrides, detection);
        List<Zone> zones = config.dns().zones().stream().map(z -> zone(z, serial)).toList();
        return new Deployment(config, profiles, targets, zones, redirectHosts, endpoints, detection);
    }

    /**
     * A nested endpoint is detected when its child's endpoints are: a profile's bound is the
     * largest over its own probed endpoints and, recursively, its children (no cycles: the
     * config module rejects them).
     */
    private static void nestedDetection(MeridianConfig config, OperatorOverrides overrides,
                                        Map<String, Duration> detection) {
        Map<String, Duration> own = Map.copyOf(detection);
        for (ProfileConfig profile : config.profiles()) {
            detection.put(profile.name(), withChildren(config, overrides, profile.name(), own, new java.util.HashSet<>()));
        }
    }

    private static Duration withChildren(MeridianConfig config, OperatorOverrides overrides, String name,
                                         Map<String, Duration> own, java.util.Set<String> seen) {
        Duration worst = own.getOrDefault(name, Duration.ZERO);
        if (!seen.add(name)) {
            return worst;
        }
        for (EndpointConfig e : config.profile(name).map(ProfileConfig::endpoints).orElse(List.of())) {
            boolean enabled = overrides.enabled(new EndpointId(name, e.name())).orElse(e.enabled());
            if (e.isNested() && enabled && !e.alwaysServe()) { // as for leaves: only what is watched counts
                Duration child = withChildren(config, overrides, e.profile().orElseThrow(), own, seen);
                worst = child.compareTo(worst) > 0 ? child : worst;
            }
        }
        return worst;
    }

    private static MethodKind method(ProfileConfig profile) {
        return MethodKind.valueOf(profile.routing().name());
    }

    private static Endpoint endpoint(EndpointConfig e, boolean enabled) {
        Target target = e.target().map(DeploymentMapper::target).orElse(null);
        GeoPoint location = e.location().map(l -> new GeoPoint(l.lat(), l.lon())).orElse(null);
        List<Cidr> subnets = e.subnets().stream().map(c -> new Cidr(c.network(), c.prefix())).toList();
        return new Endpoint(e.name(), target, location, e.priority(), e.weight(), e.geo(), subnets,
                enabled, e.alwaysServe(), e.profile().orElse(null), e.minChildEndpoints());
    }

    private static Target target(EndpointTarget t) {
        if (t instanceof EndpointTarget.Ip ip) {
            return new Target.Address(ip.address());
        }
        return new Target.Host(((EndpointTarget.Host) t).name());
    }

    static ProbeTarget probeTarget(EndpointId id, EndpointConfig e) {
        MonitorConfig m = e.monitor();
        String hostName = e.target().filter(t -> t instanceof EndpointTarget.Host).map(EndpointTarget::text).orElse(null);
        String connect = e.probeAddress().map(p -> p.address().getHostAddress())
                .orElseGet(() -> e.target().orElseThrow().text());
        int port = e.probeAddress().map(p -> p.port()).orElse(m.port());
        return new ProbeTarget(id, hostName, connect, port, settings(m));
    }

    static MonitorSettings settings(MonitorConfig m) {
        return new MonitorSettings(MonitorSettings.Protocol.valueOf(m.protocol().name()), m.path(), m.interval(),
                m.timeout(), m.toleratedFailures(), m.retryInterval(), m.recoverAfter(),
                m.expectedStatusCodes().stream().map(r -> new StatusRange(r.from(), r.to())).toList(),
                m.expectBody(), m.headers(), m.tlsVerify());
    }

    private static Zone zone(ZoneConfig z, long serial) {
        return new Zone(z.name(), z.nameservers(), z.hostmaster(), z.negativeTtl(), serial,
                Zone.DEFAULT_REFRESH, Zone.DEFAULT_RETRY, Zone.DEFAULT_EXPIRE, z.ttl());
    }
}
