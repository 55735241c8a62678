package io.meridian.director.http;

import io.meridian.routing.GeoLocation;
import io.meridian.routing.latency.Figures;
import io.meridian.routing.latency.LatencyTable;
import io.meridian.routing.latency.NetworkKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.Instant;

/** {@code GET /api/v1/latency}: what the table knows for one client, source by source. */
final class LatencyJson {
    private LatencyJson() {
    }

    static JsonObject of(InetAddress client, GeoLocation location, LatencyTable table, Instant now) {
        long key = NetworkKey.of(client);
        JsonObject json = new JsonObject()
                .put("client", client.getHostAddress())
                .put("minSamples", table.policy().minSamples())
                .put("freshForSeconds", table.policy().freshFor().toSeconds())
                .put("halfLifeSeconds", table.policy().halfLife().toSeconds())
                .put("network", source(NetworkKey.format(key), table.network(key, now)));
        if (location != null) {
            json.put("location", new JsonObject().put("country", location.country())
                    .put("subdivision", location.subdivision()).put("networkPrefix", location.networkPrefix()));
            if (location.subdivision() != null) {
                json.put("subdivision", source(location.subdivision(), table.area(location.subdivision(), now)));
            }
            if (location.country() != null) {
                json.put("country", source(location.country(), table.area(location.country(), now)));
            }
        }
        return json.put("tableNetworks", table.networkCount());
    }

    private static JsonObject source(String key, Figures figures) {
        JsonArray regions = new JsonArray();
        if (figures != null) {
            for (Figures.Estimate e : figures.estimates()) {
                regions.add(new JsonObject()
                        .put("region", e.region())
                        .put("rttMs", Math.round(e.millis() * 10) / 10.0)
                        .put("samples", e.samples())
                        .put("weight", Math.round(e.weight() * 100) / 100.0)
                        .put("ageSeconds", e.age().toSeconds())
                        .put("usable", e.usable()));
            }
        }
        return new JsonObject().put("key", key).put("regions", regions);
    }
}
