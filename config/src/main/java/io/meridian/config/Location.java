package io.meridian.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an endpoint is, in degrees.
 *
 * @param region the built-in Azure region it came from ({@code location: {region: westus2}}), if any
 */
public record Location(double lat, double lon, Optional<String> region) {
    public Location {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat: " + lat + " (expected: -90..90)");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon: " + lon + " (expected: -180..180)");
        }
        Objects.requireNonNull(region, "region");
    }
}
