package io.meridian.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code latency} section, with its defaults; problems are reported, the defaults stand in. */
final class LatencyReader {
    private LatencyReader() {
    }

    static LatencyConfig read(Optional<YNode> node) {
        Optional<YMap> map = node.flatMap(n -> n.map("minSamples", "halfLife", "freshFor", "maxNetworks",
                "allowedOrigins", "requestsPerMinute", "saveInterval", "beacons"));
        if (map.isEmpty()) {
            return LatencyConfig.DEFAULTS;
        }
        YMap m = map.get();
        LatencyConfig d = LatencyConfig.DEFAULTS;
        return new LatencyConfig(
                or(m.parse("minSamples", Scalars.intBetween(1, 1000)), d.minSamples()),
                or(m.parse("halfLife", Durations.between(Duration.ofMinutes(1), Duration.ofDays(30))), d.halfLife()),
                or(m.parse("freshFor", Durations.between(Duration.ofMinutes(1), Duration.ofDays(30))), d.freshFor()),
                or(m.parse("maxNetworks", Scalars.intBetween(1, 50_000_000)), d.maxNetworks()),
                m.parseEach("allowedOrigins", LatencyReader::origin).stream().map(Sourced::value).toList(),
                or(m.parse("requestsPerMinute", Scalars.intBetween(1, 100_000)), d.requestsPerMinute()),
                or(m.parse("saveInterval", Durations.between(Duration.ofSeconds(10), Duration.ofDays(1))),
                        d.saveInterval()),
                beacons(m));
    }

    private static Map<String, String> beacons(YMap m) {
        Map<String, String> beacons = new LinkedHashMap<>();
        m.get("beacons").flatMap(n -> n.freeMap("a mapping of region names to beacon URLs")).ifPresent(b ->
                b.entries().forEach((region, value) -> {
                    Sourced<String> url = value.parse(LatencyReader::beaconUrl);
                    if (url != null) {
                        beacons.put(region, url.value());
                    }
                }));
        return beacons;
    }

    /** An absolute http(s) URL: the browser fetches it from the visitor's page. */
    static String beaconUrl(String text) throws BadValue {
        try {
            URI uri = new URI(text);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw BadValue.expected(text, "an absolute http or https URL such as https://contoso-westus2-01.regional.azure-api.net/status-0123456789abcdef");
    }

    private static <T> T or(Sourced<T> value, T fallback) {
        return value == null ? fallback : value.value();
    }

    /** {@code *}, or a browser origin: scheme, host and optional port, nothing else (CORS compares it exactly). */
    private static String origin(String text) throws BadValue {
        if (text.equals("*")) {
            return text;
        }
        String expected = "a web origin such as https://shop.example.com (scheme, host, optional port; no path) or *";
        try {
            URI uri = new URI(text);
            boolean plain = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (!plain) {
                throw BadValue.expected(text, expected);
            }
            return text.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw BadValue.expected(text, expected);
        }
    }
}
