package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.config.ConfigLoader;
import io.meridian.config.MeridianConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which URL {@code /rum.js} times per region: an endpoint's beaconUrl, else latency.beacons, else the default. */
class BeaconUrlsTest {
    private static final String CONFIG = """
            dns:
              zones:
                - name: tm.example.test
                  nameservers: [ns1.tm.example.test]
            latency:
              beacons:
                westeurope: https://beacon.example.test/westeurope
                eastasia: https://beacon.example.test/eastasia
            profiles:
              - name: contoso
                domain: contoso.tm.example.test
                routing: performance
                monitor:
                  protocol: HTTPS
                  path: /status-0123456789abcdef
                endpoints:
                  - name: westus2
                    target: contoso-westus2-01.regional.azure-api.net
                    region: westus2
                  - name: westeurope
                    target: contoso-westeurope-01.regional.azure-api.net
                    region: westeurope
                  - name: eastasia
                    target: contoso-eastasia-01.regional.azure-api.net
                    region: eastasia
                    beaconUrl: https://contoso-eastasia-01.regional.azure-api.net/beacon
            """;

    @Test
    void anEndpointsBeaconUrlWinsThenLatencyBeaconsThenTheTargetWithTheMonitorPath() {
        MeridianConfig config = ConfigLoader.parse(CONFIG, "test.yaml", Map.of()).orElseThrow();
        JsonArray beacons = LatencyApi.beacons(config).getJsonArray("beacons");
        Map<String, String> byRegion = new LinkedHashMap<>();
        beacons.forEach(b -> byRegion.put(((JsonObject) b).getString("region"), ((JsonObject) b).getString("url")));
        assertThat(byRegion).containsExactlyInAnyOrderEntriesOf(Map.of(
                "westus2", "https://contoso-westus2-01.regional.azure-api.net/status-0123456789abcdef",
                "westeurope", "https://beacon.example.test/westeurope",
                "eastasia", "https://contoso-eastasia-01.regional.azure-api.net/beacon"));
    }
}
