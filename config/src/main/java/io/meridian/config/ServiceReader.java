package io.meridian.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the service sections {@code dns}, {@code http}, {@code geoip} and {@code state}, with
 * their defaults. The checks between zones live in {@link ZoneRules}.
 */
final class ServiceReader {
    static final IpPort DNS_LISTEN = IpPort.literal("127.0.0.1:5353");
    static final IpPort HTTP_LISTEN = IpPort.literal("127.0.0.1:8080");
    static final int UDP_SIZE = 1232;
    static final Duration ZONE_TTL = Duration.ofHours(1);
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);
    static final String STATE_FILE = "meridian-state.json";

    record ZoneDraft(Loc loc, Sourced<String> name, List<Sourced<String>> nameservers, Sourced<String> hostmaster,
            Sourced<Duration> ttl, Sourced<Duration> negativeTtl) {
    }

    record DnsDraft(List<Sourced<IpPort>> listen, List<ZoneDraft> zones, Sourced<Integer> udpSize,
            Sourced<DnsConfig.Transport> transport) {
    }

    private ServiceReader() {
    }

    /** @param readListen false for another director's file: its listen addresses and transport are not ours */
    static DnsDraft dns(Optional<YNode> node, boolean readListen) {
        Optional<YMap> map = node.flatMap(n -> n.map("listen", "zones", "udpSize", "transport"));
        if (map.isEmpty()) {
            return new DnsDraft(List.of(), List.of(), null, null);
        }
        YMap m = map.get();
        List<Sourced<IpPort>> listen = readListen ? m.parseEach("listen", IpPort.parser(0)) : List.of();
        if (readListen) {
            m.get("listen").flatMap(YNode::list).filter(List::isEmpty).ifPresent(l ->
                    m.get("listen").get().problem("[] (expected: at least one address such as 127.0.0.1:5353)"));
        }
        List<ZoneDraft> zones = new ArrayList<>();
        Optional<YNode> zoneList = m.require("zones", "a list of zones this server is authoritative for");
        zoneList.flatMap(YNode::list).ifPresent(items -> {
            if (items.isEmpty()) {
                zoneList.get().problem("[] (expected: at least one zone)");
            }
            items.forEach(item -> zone(item).ifPresent(zones::add));
        });
        return new DnsDraft(listen, zones, m.parse("udpSize", Scalars.intBetween(512, 4096)),
                readListen ? m.parse("transport", Scalars.oneOf(DnsConfig.Transport.values(), false)) : null);
    }

    private static Optional<ZoneDraft> zone(YNode node) {
        return node.map("name", "nameservers", "hostmaster", "ttl", "negativeTtl").map(m -> {
            List<Sourced<String>> ns = m.require("nameservers", "the zone's name servers, such as [ns1.tm.example.test]")
                    .map(n -> n.parseEach(DomainNames::parse)).orElse(List.of());
            m.get("nameservers").flatMap(YNode::list).filter(List::isEmpty).ifPresent(l ->
                    m.get("nameservers").get().problem("[] (expected: at least one name server)"));
            return new ZoneDraft(node.loc(),
                    m.parseRequired("name", "the zone's DNS name", DomainNames::parse), ns,
                    m.parse("hostmaster", ServiceReader::hostmaster),
                    m.parse("ttl", Durations.wholeSeconds(Duration.ZERO, Duration.ofDays(1))),
                    m.parse("negativeTtl", Durations.wholeSeconds(Duration.ZERO, Duration.ofDays(1))));
        });
    }

    /** The SOA RNAME; an e-mail address gets a hint, since RNAME writes the {@code @} as a dot. */
    private static String hostmaster(String text) throws BadValue {
        int at = text.indexOf('@');
        if (at > 0) {
            throw BadValue.expected(text, "a DNS name; write " + text.substring(0, at) + "." + text.substring(at + 1));
        }
        return DomainNames.parse(text);
    }

    static ZoneConfig build(ZoneDraft z) {
        String name = z.name().value();
        return new ZoneConfig(name, z.nameservers().stream().map(Sourced::value).toList(),
                z.hostmaster() == null ? "hostmaster." + name : z.hostmaster().value(),
                z.ttl() == null ? ZONE_TTL : z.ttl().value(),
                z.negativeTtl() == null ? NEGATIVE_TTL : z.negativeTtl().value());
    }

    static DnsConfig build(DnsDraft d) {
        return new DnsConfig(d.listen().isEmpty() ? List.of(DNS_LISTEN) : d.listen().stream().map(Sourced::value).toList(),
                d.zones().stream().map(ServiceReader::build).toList(),
                d.udpSize() == null ? UDP_SIZE : d.udpSize().value(),
                d.transport() == null ? DnsConfig.Transport.AUTO : d.transport().value());
    }

    /**
     * The http section; null when it is invalid (the problems are reported).
     *
     * @param listenOverride null to read {@code listen}; else another director's file: this listen instead
     */
    static HttpConfig http(Optional<YNode> node, IpPort listenOverride) {
        Optional<YMap> map = node.flatMap(n -> n.map("listen", "apiToken", "trustForwardedFor"));
        if (node.isPresent() && map.isEmpty()) {
            return null;
        }
        Sourced<IpPort> listen = listenOverride != null ? new Sourced<>(listenOverride, null)
                : map.map(m -> m.parse("listen", IpPort.parser(0))).orElse(null);
        Sourced<String> token = map.map(m -> m.parse("apiToken", ServiceReader::token)).orElse(null);
        Sourced<Boolean> trust = map.map(m -> m.parse("trustForwardedFor", Scalars::bool)).orElse(null);
        boolean invalid = map.map(m -> (listenOverride == null && m.has("listen") && listen == null)
                || (m.has("apiToken") && token == null)
                || (m.has("trustForwardedFor") && trust == null)).orElse(false);
        if (invalid) {
            return null;
        }
        return new HttpConfig(listen == null ? HTTP_LISTEN : listen.value(),
                Optional.ofNullable(token).map(Sourced::value).filter(t -> !t.isEmpty()),
                trust != null && trust.value());
    }

    /** An empty token (say {@code ${TOKEN:-}}) means no token: the API stays read-only. */
    private static String token(String text) throws BadValue {
        if (text.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new BadValue("(hidden) contains spaces or non-ASCII characters (expected: a bearer token of visible ASCII characters)");
        }
        return text;
    }

    /** {@code geoip.database}: absent = no GeoIP; relative paths are resolved against the config directory. */
    static Optional<Path> geoip(Optional<YNode> node) {
        return node.flatMap(n -> n.map("database"))
                .map(m -> m.parse("database", ServiceReader::path))
                .map(s -> s.value()).map(p -> node.get().reading().resolve(p));
    }

    static Path state(Optional<YNode> node, Reading reading) {
        return node.flatMap(n -> n.map("file"))
                .map(m -> m.parse("file", ServiceReader::path))
                .map(Sourced::value)
                .map(reading::resolve)
                .orElse(reading.resolve(STATE_FILE));
    }

    private static String path(String text) throws BadValue {
        if (text.isBlank() || text.indexOf('\0') >= 0) {
            throw BadValue.expected(text, "a file path");
        }
        return text;
    }
}
