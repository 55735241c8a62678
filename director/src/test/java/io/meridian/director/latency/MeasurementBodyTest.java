package io.meridian.director.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every way a body can be wrong, each with its reason; a good body resolves endpoints to regions. */
class MeasurementBodyTest {
    private static final Set<String> REGIONS = Set.of("westus2", "eastasia");
    private static final Map<String, String> ENDPOINTS = Map.of("seattle", "westus2");

    @Test
    void takesRegionsAndEndpointsAndTheClient() {
        MeasurementBody body = MeasurementBody.parse(new JsonObject("""
                {"samples": [{"region": "eastasia", "rttMs": 161.5}, {"endpoint": "seattle", "rttMs": 12}],
                 "client": "198.51.100.7"}"""), REGIONS, ENDPOINTS);

        assertThat(body.samples()).containsExactly(new MeasurementBody.RegionSample("eastasia", 161.5),
                new MeasurementBody.RegionSample("westus2", 12));
        assertThat(body.client()).isEqualTo("198.51.100.7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no samples field              | {}                                                           | MALFORMED
            empty samples                 | {"samples": []}                                              | MALFORMED
            samples not a list            | {"samples": 3}                                               | MALFORMED
            unknown top-level field       | {"samples": [{"region": "westus2", "rttMs": 1}], "x": 1}     | MALFORMED
            unknown sample field          | {"samples": [{"region": "westus2", "rttMs": 1, "x": 1}]}     | MALFORMED
            sample not an object          | {"samples": [3]}                                             | MALFORMED
            both region and endpoint      | {"samples": [{"region": "westus2", "endpoint": "seattle", "rttMs": 1}]} | MALFORMED
            neither region nor endpoint   | {"samples": [{"rttMs": 1}]}                                  | MALFORMED
            client not a string           | {"samples": [{"region": "westus2", "rttMs": 1}], "client": 7} | MALFORMED
            zero                          | {"samples": [{"region": "westus2", "rttMs": 0}]}             | RTT
            negative                      | {"samples": [{"region": "westus2", "rttMs": -5}]}            | RTT
            a minute                      | {"samples": [{"region": "westus2", "rttMs": 60000}]}         | RTT
            huge                          | {"samples": [{"region": "westus2", "rttMs": 1e300}]}         | RTT
            a string                      | {"samples": [{"region": "westus2", "rttMs": "12"}]}          | RTT
            missing                       | {"samples": [{"region": "westus2"}]}                         | RTT
            unknown region                | {"samples": [{"region": "mars", "rttMs": 1}]}                | REGION
            unknown endpoint              | {"samples": [{"endpoint": "nowhere", "rttMs": 1}]}           | REGION
            region not a string           | {"samples": [{"region": 5, "rttMs": 1}]}                     | REGION
            """)
    void refuses(String row, String json, Rejection.Reason reason) {
        assertThatThrownBy(() -> MeasurementBody.parse(new JsonObject(json), REGIONS, ENDPOINTS))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(reason))
                .hasMessageContaining("expected");
    }

    @Test
    void thirtyThreeSamplesAreTooMany() {
        StringBuilder json = new StringBuilder("{\"samples\": [");
        for (int i = 0; i <= MeasurementBody.MAX_SAMPLES; i++) {
            json.append(i == 0 ? "" : ",").append("{\"region\": \"westus2\", \"rttMs\": 10}");
        }
        JsonObject body = new JsonObject(json.append("]}").toString());

        assertThatThrownBy(() -> MeasurementBody.parse(body, REGIONS, ENDPOINTS))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(Rejection.Reason.TOO_MANY));
    }
}
