package io.meridian.routing;

import io.meridian.routing.latency.Figures;
import io.meridian.routing.latency.LatencyTable;
import io.meridian.routing.latency.NetworkKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * {@link MeasuredLatency} over a {@link LatencyTable}. Which source decides:
 * <pre>
 * | client network figures (1) | subdivision figures (1) | country figures (1) | source      | ECS scope                     |
 * |----------------------------|-------------------------|---------------------|-------------|-------------------------------|
 * | usable                     | any                     | any                 | network     | 24 (IPv4) / 48 (IPv6)         |
 * | missing or not usable (2)  | usable                  | any                 | subdivision | GeoIP network (3)             |
 * | missing or not usable (2)  | missing or not usable   | usable              | country     | GeoIP network (3)             |
 * | missing or not usable (2)  | missing or not usable   | missing / unusable  | model       | GeoIP network (3)             |
 * </pre>
 * (1) usable = at least minSamples samples, the last within freshFor, for every candidate
 * region. (2) also when the client is an ECS subnet shorter than a network (/16): it is many
 * networks. (3) at least 24/48 once any network has figures; the method applies it.
 */
final class TableLatency implements MeasuredLatency {
    private final LatencyTable table;
    private final InstantSource clock;
    private final Function<EndpointId, String> regionOf;

    TableLatency(LatencyTable table, InstantSource clock, Function<EndpointId, String> regionOf) {
        this.table = table;
        this.clock = clock;
        this.regionOf = regionOf;
    }

    @Override
    public int regionOf(EndpointId endpoint) {
        String region = regionOf.apply(endpoint);
        return region == null ? -1 : table.regionId(region);
    }

    @Override
    public Measurement find(ClientContext client, GeoLocation location, int[] regionIds, int count) {
        Instant now = clock.instant();
        int networkPrefix = NetworkKey.prefixOf(client.address());
        if (client.sourcePrefix() >= networkPrefix) {
            long key = NetworkKey.of(client.address());
            Figures own = table.network(key, now);
            if (covers(own, regionIds, count)) {
                return new Measurement(LatencySource.NETWORK, NetworkKey.format(key), networkPrefix, own);
            }
        }
        if (location == null) {
            return null;
        }
        int scope = location.networkPrefix();
        Figures subdivision = table.area(location.subdivision(), now);
        if (covers(subdivision, regionIds, count)) {
            return new Measurement(LatencySource.SUBDIVISION, location.subdivision(), scope, subdivision);
        }
        Figures country = table.area(location.country(), now);
        if (covers(country, regionIds, count)) {
            return new Measurement(LatencySource.COUNTRY, location.country(), scope, country);
        }
        return null;
    }

    @Override
    public boolean hasNetworks() {
        return table.networkCount() > 0;
    }

    private static boolean covers(Figures figures, int[] regionIds, int count) {
        if (figures == null) {
            return false;
        }
        boolean any = false;
        for (int i = 0; i < count; i++) {
            int id = regionIds[i];
            if (id >= 0) {
                if (Double.isNaN(figures.usableMillis(id))) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
