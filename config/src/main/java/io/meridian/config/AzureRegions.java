package io.meridian.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The built-in table of public Azure regions with their published coordinates, so that
 * {@code location: {region: westus2}} works. The data lives in {@code azure-regions.tsv}.
 */
final class AzureRegions {
    private static final Map<String, double[]> TABLE = load();

    private AzureRegions() {
    }

    /** Latitude and longitude of a region name such as {@code westus2} (case-insensitive). */
    static Optional<double[]> coordinates(String region) {
        return Optional.ofNullable(TABLE.get(region.strip().toLowerCase(Locale.ROOT))).map(double[]::clone);
    }

    static Set<String> names() {
        return TABLE.keySet();
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> table = new TreeMap<>();
        try (InputStream in = AzureRegions.class.getResourceAsStream("azure-regions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("azure-regions.tsv is missing from the config jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                table.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(table);
    }
}
