package io.meridian.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code latency} section (SPEC section 9): how real-user measurements are taken and kept.
 * Shared by the cluster (every director keeps the same table by the same rules).
 *
 * @param minSamples        samples per network and region before a figure is used
 * @param halfLife          an estimate's weight halves over this long
 * @param freshFor          a figure whose last sample is older is not used
 * @param maxNetworks       hard cap on client networks (the least recently updated is evicted)
 * @param allowedOrigins    web origins ({@code https://shop.example.com}, or {@code *}) whose pages may post
 *                          measurements (CORS); empty = same-origin pages and non-browser clients only
 * @param requestsPerMinute measurement requests one source network may post per minute (429 beyond)
 * @param saveInterval      how often the table is written to its snapshot file
 * @param beacons           region -> the URL {@code /rum.js} times for it, where the default (the
 *                          region's first endpoint target with its monitor path, over HTTPS) does not suit
 */
public record LatencyConfig(int minSamples, Duration halfLife, Duration freshFor, int maxNetworks,
                            List<String> allowedOrigins, int requestsPerMinute, Duration saveInterval,
                            Map<String, String> beacons) {
    public static final LatencyConfig DEFAULTS = new LatencyConfig(5, Duration.ofHours(1), Duration.ofHours(6),
            1_000_000, List.of(), 60, Duration.ofMinutes(5), Map.of());

    public LatencyConfig {
        Objects.requireNonNull(halfLife, "halfLife");
        Objects.requireNonNull(freshFor, "freshFor");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(saveInterval, "saveInterval");
        beacons = Collections.unmodifiableMap(new LinkedHashMap<>(beacons));
    }
}
