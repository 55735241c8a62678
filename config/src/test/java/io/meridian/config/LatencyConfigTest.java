package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyConfigTest {
    private static final String BASE = """
            dns:
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            """;

    @Test
    void withoutTheSectionTheSpecDefaultsApply() {
        LatencyConfig l = ConfigLoader.parse(BASE, "m.yaml", Map.of()).orElseThrow().latency();

        assertThat(l).isEqualTo(LatencyConfig.DEFAULTS);
        assertThat(l.minSamples()).isEqualTo(5);
        assertThat(l.halfLife()).isEqualTo(Duration.ofHours(1));
        assertThat(l.maxNetworks()).isEqualTo(1_000_000);
        assertThat(l.allowedOrigins()).isEmpty();
    }

    @Test
    void readsEveryKey() {
        LatencyConfig l = ConfigLoader.parse(BASE + """
                latency:
                  minSamples: 3
                  halfLife: 30m
                  freshFor: 2h
                  maxNetworks: 5000
                  allowedOrigins: ["https://Shop.example.com", "http://localhost:8000"]
                  requestsPerMinute: 10
                  saveInterval: 1m
                  beacons: {westus2: "http://127.0.0.1:9001/_demo/beacon"}
                """, "m.yaml", Map.of()).orElseThrow().latency();

        assertThat(l).isEqualTo(new LatencyConfig(3, Duration.ofMinutes(30), Duration.ofHours(2), 5000,
                List.of("https://shop.example.com", "http://localhost:8000"), 10, Duration.ofMinutes(1),
                Map.of("westus2", "http://127.0.0.1:9001/_demo/beacon")));
    }

    @Test
    void badValuesAreNamedWithTheirPlace() {
        ConfigResult r = ConfigLoader.parse(BASE + """
                latency:
                  minSamples: 0
                  allowedOrigins: ["https://shop.example.com/page"]
                  halfLife: soon
                  maxNetwork: 10
                """, "m.yaml", Map.of());

        assertThat(r.problems()).extracting(ConfigProblem::toString).anySatisfy(p ->
                assertThat(p).startsWith("m.yaml:4:15: latency.minSamples"))
                .anySatisfy(p -> assertThat(p).contains("latency.allowedOrigins").contains("no path"))
                .anySatisfy(p -> assertThat(p).contains("latency.halfLife"))
                .anySatisfy(p -> assertThat(p).contains("maxNetwork"));
    }
}
