package io.meridian.config;

import java.util.Locale;
import java.util.Optional;

/** Reads {@code location: {lat: 47.23, lon: -119.85}} or {@code location: {region: westus2}}. */
final class LocationReader {
    private LocationReader() {
    }

    static Sourced<Location> read(YNode node) {
        Optional<YMap> map = node.map("lat", "lon", "region");
        if (map.isEmpty()) {
            return null;
        }
        YMap m = map.get();
        if (m.has("region")) {
            if (m.has("lat") || m.has("lon")) {
                m.get("region").get().problem("set together with lat/lon (expected: either region or lat and lon)");
                return null;
            }
            Sourced<Location> region = m.parse("region", LocationReader::region);
            return region == null ? null : new Sourced<>(region.value(), node.loc());
        }
        Sourced<Double> lat = m.parseRequired("lat", "lat and lon, or region", coordinate(90));
        Sourced<Double> lon = m.parseRequired("lon", "lat and lon, or region", coordinate(180));
        if (lat == null || lon == null) {
            return null;
        }
        return new Sourced<>(new Location(lat.value(), lon.value(), Optional.empty()), node.loc());
    }

    static Location region(String text) throws BadValue {
        String name = text.strip().toLowerCase(Locale.ROOT);
        double[] c = AzureRegions.coordinates(name).orElseThrow(() -> new BadValue(BadValue.show(text)
                + " is not a known Azure region (expected: a name such as westus2"
                + Suggestions.hint(name, AzureRegions.names()) + ")"));
        return new Location(c[0], c[1], Optional.of(name));
    }

    static ValueParser<Double> coordinate(int limit) {
        return text -> {
            String t = text.strip();
            if (!t.matches("[+-]?\\d{1,3}(\\.\\d{1,10})?")) {
                throw BadValue.expected(text, "degrees -" + limit + ".." + limit);
            }
            double v = Double.parseDouble(t);
            if (v < -limit || v > limit) {
                throw BadValue.expected(text, "-" + limit + ".." + limit);
            }
            return v;
        };
    }
}
