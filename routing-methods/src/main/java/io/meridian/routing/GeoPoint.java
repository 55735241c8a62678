package io.meridian.routing;

/** A point on the earth in degrees. */
public record GeoPoint(double lat, double lon) {
    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat: " + lat + " (expected: -90..90)");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon: " + lon + " (expected: -180..180)");
        }
    }
}
