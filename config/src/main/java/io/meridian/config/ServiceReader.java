package io.meridian.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    // zonemaster's minimums (ZONE02, ZONE04, ZONE05): refresh >= 4h, retry >= 1h, expire >= 7d
    static final Duration REFRESH = Duration.ofHours(4);
    static final Duration RETRY = Duration.ofHours(1);
    static final Duration EXPIRE = Duration.ofDays(14);
    static final String STATE_FILE = "meridian-state.json";

    record ZoneDraft(Loc loc, Sourced<String> name, List<Sourced<String>> nameservers, Sourced<String> hostmaster,
            Sourced<Duration> ttl, Sourced<Duration> negativeTtl, Map<String, List<Sourced<InetAddress>>> addresses,
            Sourced<Duration> refresh, Sourced<Duration> retry, Sourced<Duration> expire) {
    }

    record DnsDraft(List<Sourced<IpPort>> listen, List<ZoneDraft> zones, Sourced<Integer> udpSize,
            Sourced<DnsConfig.Transport> transport, DnsIdentityReader.Draft identity) {
    }

    private ServiceReader() {
    }

    /** @param readListen false for another director's file: its listen addresses and transport are not ours */
    static DnsDraft dns(Optional<YNode> node, boolean readListen) {
        Optional<YMap> map = node.flatMap(n -> n.map("listen", "zones", "udpSize", "transport", "nsid", "version",
                "rateLimit", "cookies"));
        if (map.isEmpty()) {
            return new DnsDraft(List.of(), List.of(), null, null, DnsIdentityReader.Draft.NONE);
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
                readListen ? m.parse("transport", Scalars.oneOf(DnsConfig.Transport.values(), false)) : null,
                DnsIdentityReader.read(m, readListen));
    }

    private static Optional<ZoneDraft> zone(YNode node) {
        return node.map("name", "nameservers", "hostmaster", "ttl", "negativeTtl", "refresh", "retry", "expire").map(m -> {
            List<Sourced<String>> ns = new ArrayList<>();
            Map<String, List<Sourced<InetAddress>>> addresses = new LinkedHashMap<>();
            m.require("nameservers", "the zone's name servers, such as [ns1.tm.example.test]").flatMap(YNode::list)
                    .ifPresent(items -> items.forEach(item -> nameserver(item, ns, addresses)));
            m.get("nameservers").flatMap(YNode::list).filter(List::isEmpty).ifPresent(l ->
                    m.get("nameservers").get().problem("[] (expected: at least one name server)"));
            ValueParser<Duration> timer = Durations.wholeSeconds(Duration.ofSeconds(1), Duration.ofDays(100));
            return new ZoneDraft(node.loc(),
                    m.parseRequired("name", "the zone's DNS name", DomainNames::parse), ns,
                    m.parse("hostmaster", ServiceReader::hostmaster),
                    m.parse("ttl", Durations.wholeSeconds(Duration.ZERO, Duration.ofDays(1))),
                    m.parse("negativeTtl", Durations.wholeSeconds(Duration.ZERO, Duration.ofDays(1))),
                    addresses, m.parse("refresh", timer), m.parse("retry", timer), m.parse("expire", timer));
        });
    }

    /** A name server: a name, or {@code {name, addresses}} for one inside the zone (served as A/AAAA). */
    private static void nameserver(YNode item, List<Sourced<String>> names, Map<String, List<Sourced<InetAddress>>> addresses) {
        if (!item.isMap()) {
            Optional.ofNullable(item.parse(DomainNames::parse)).ifPresent(names::add);
            return;
        }
        item.map("name", "addresses").ifPresent(m -> {
            Sourced<String> name = m.parseRequired("name", "the name server's name, such as ns1.tm.example.test",
                    DomainNames::parse);
            List<Sourced<InetAddress>> ips = m.parseEach("addresses", ServiceReader::address);
            m.get("addresses").flatMap(YNode::list).filter(List::isEmpty).ifPresent(l ->
                    m.get("addresses").get().problem("[] (expected: its IPv4 and IPv6 addresses, or no addresses key)"));
            if (name != null) {
                names.add(name);
                if (!ips.isEmpty()) {
                    addresses.put(name.value(), ips);
                }
            }
        });
    }

    private static InetAddress address(String text) throws BadValue {
        return IpLiterals.parse(text.strip().toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> BadValue.expected(text, "an IPv4 or IPv6 address"));
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
                z.negativeTtl() == null ? NEGATIVE_TTL : z.negativeTtl().value(),
                z.addresses().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().stream().map(Sourced::value).toList())),
                z.refresh() == null ? REFRESH : z.refresh().value(),
                z.retry() == null ? RETRY : z.retry().value(),
                z.expire() == null ? EXPIRE : z.expire().value());
    }

    static DnsConfig build(DnsDraft d) {
        DnsIdentityReader.Draft id = d.identity();
        return new DnsConfig(d.listen().isEmpty() ? List.of(DNS_LISTEN) : d.listen().stream().map(Sourced::value).toList(),
                d.zones().stream().map(ServiceReader::build).toList(),
                d.udpSize() == null ? UDP_SIZE : d.udpSize().value(),
                d.transport() == null ? DnsConfig.Transport.AUTO : d.transport().value(),
                Optional.ofNullable(id.nsid()).map(Sourced::value), Optional.ofNullable(id.version()).map(Sourced::value)
                        .filter(v -> !v.isEmpty()),
                Optional.ofNullable(id.rateLimit()), id.cookies() == null || id.cookies().value());
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
