package io.meridian.director.core;

import io.meridian.config.AllDownPolicy;
import io.meridian.config.EndpointConfig;
import io.meridian.config.EndpointTarget;
import io.meridian.config.FallbackMode;
import io.meridian.config.IpLiterals;
import io.meridian.config.MeridianConfig;
import io.meridian.config.MonitorConfig;
import io.meridian.config.ProfileConfig;
import io.meridian.config.Protocol;
import io.meridian.config.RoutingMethod;
import io.meridian.config.StatusRange;
import io.meridian.config.ZoneConfig;
import io.meridian.director.state.Monitors;
import io.meridian.director.state.Regions;
import io.meridian.dns.Zone;
import io.meridian.probes.MonitorSettings;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.AllDown;
import io.meridian.routing.Cidr;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoPoint;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Maps a validated config to a {@link Deployment}, and zone configs to served zones. Pure. */
final class DeploymentMapper {
    private DeploymentMapper() {
    }

    static Deployment map(MeridianConfig config) {
        List<ProfileDefinition> profiles = new ArrayList<>();
        Map<EndpointId, Monitors> probes = new LinkedHashMap<>();
        Map<String, String> redirectHosts = new LinkedHashMap<>();
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        Map<EndpointId, String> regions = new LinkedHashMap<>();
        Map<String, GeoPoint> regionLocations = new LinkedHashMap<>();
        for (ProfileConfig profile : config.profiles()) {
            List<Endpoint> mapped = new ArrayList<>();
            for (EndpointConfig e : profile.endpoints()) {
                Endpoint endpoint = endpoint(e);
                mapped.add(endpoint);
                EndpointId id = new EndpointId(profile.name(), e.name());
                if (!e.alwaysServe() && !e.isNested()) {
                    probes.put(id, monitors(e));
                }
                e.region().ifPresent(region -> {
                    regions.put(id, region);
                    if (endpoint.location() != null) {
                        regionLocations.putIfAbsent(region, endpoint.location());
                    }
                });
            }
            profiles.add(new ProfileDefinition(profile.name(), profile.domain(), method(profile.routing()),
                    profile.ttl(), profile.maxAnswers(), fallback(profile.fallback()), mapped,
                    allDown(profile.allDown()), profile.lastResort().map(DeploymentMapper::target).orElse(null)));
            profile.redirectHost().ifPresent(h -> redirectHosts.put(h.toLowerCase(Locale.ROOT), profile.name()));
            endpoints.put(profile.name(), profile.endpoints().stream().map(EndpointConfig::name).toList());
        }
        return new Deployment(config, profiles, probes, redirectHosts, endpoints, new Regions(regions, regionLocations));
    }

    /** The served zones, every SOA carrying {@code serial}. */
    static List<Zone> zones(MeridianConfig config, long serial) {
        return config.dns().zones().stream().map(z -> zone(z, serial)).toList();
    }

    private static MethodKind method(RoutingMethod method) {
        return switch (method) {
            case PRIORITY -> MethodKind.PRIORITY;
            case WEIGHTED -> MethodKind.WEIGHTED;
            case PERFORMANCE -> MethodKind.PERFORMANCE;
            case GEOGRAPHIC -> MethodKind.GEOGRAPHIC;
            case MULTIVALUE -> MethodKind.MULTIVALUE;
            case SUBNET -> MethodKind.SUBNET;
        };
    }

    private static AllDown allDown(AllDownPolicy policy) {
        return switch (policy) {
            case FAIL_OPEN -> AllDown.FAIL_OPEN;
            case NO_DATA -> AllDown.NO_DATA;
            case LAST_RESORT -> AllDown.LAST_RESORT;
        };
    }

    private static Fallback fallback(FallbackMode mode) {
        return switch (mode) {
            case NEAREST -> Fallback.NEAREST;
            case NONE -> Fallback.NONE;
        };
    }

    private static MonitorSettings.Protocol protocol(Protocol protocol) {
        return switch (protocol) {
            case HTTP -> MonitorSettings.Protocol.HTTP;
            case HTTPS -> MonitorSettings.Protocol.HTTPS;
            case TCP -> MonitorSettings.Protocol.TCP;
        };
    }

    private static Endpoint endpoint(EndpointConfig e) {
        Target target = e.target().map(DeploymentMapper::target).orElse(null);
        GeoPoint location = e.location().map(l -> new GeoPoint(l.lat(), l.lon())).orElse(null);
        List<Cidr> subnets = e.subnets().stream().map(c -> new Cidr(c.network(), c.prefix())).toList();
        return new Endpoint(e.name(), target, location, e.priority(), e.weight(), e.geo(), subnets,
                e.enabled(), e.alwaysServe(), e.profile().orElse(null), e.minChildEndpoints());
    }

    private static Target target(EndpointTarget t) {
        if (t instanceof EndpointTarget.Ip ip) {
            return new Target.Address(ip.address(), ip.text());
        }
        return new Target.Host(((EndpointTarget.Host) t).name());
    }

    /** One probe per monitor, combined as its {@code healthyWhen} says. */
    static Monitors monitors(EndpointConfig e) {
        List<ProbeTarget> targets = e.monitors().stream().map(m -> probeTarget(e, m)).toList();
        return new Monitors(targets, e.healthyWhen().required(targets.size()));
    }

    static ProbeTarget probeTarget(EndpointConfig e, MonitorConfig m) {
        String hostName = e.target().filter(t -> t instanceof EndpointTarget.Host).map(EndpointTarget::text).orElse(null);
        String connect = e.probeAddress().map(p -> IpLiterals.format(p.address()))
                .orElseGet(() -> e.target().orElseThrow().text());
        int port = e.probeAddress().map(p -> p.port()).orElse(m.port());
        return new ProbeTarget(hostName, connect, port, settings(m));
    }

    static MonitorSettings settings(MonitorConfig m) {
        Set<Integer> expected = new HashSet<>();
        for (StatusRange r : m.expectedStatusCodes()) {
            expected.addAll(MonitorSettings.statusCodes(r.from(), r.to()));
        }
        return new MonitorSettings(protocol(m.protocol()), m.path(), m.interval(), m.timeout(), m.toleratedFailures(),
                m.retryInterval(), m.recoverAfter(), expected, m.expectBody(), m.headers(), m.tlsVerify());
    }

    private static Zone zone(ZoneConfig z, long serial) {
        return new Zone(z.name(), z.nameservers(), z.hostmaster(), z.negativeTtl(), serial,
                z.refresh(), z.retry(), z.expire(), z.ttl(), z.addresses());
    }
}
