package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.director.state.AlertNotice;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertmanagerPayloadTest {
    /** As Alertmanager 0.2x sends it (docs: webhook_config), one firing and one resolved alert. */
    private static final String PAYLOAD = """
            {"version": "4", "groupKey": "{}:{alertname=\\"GatewayDown\\"}", "truncatedAlerts": 0,
             "status": "firing", "receiver": "meridian", "groupLabels": {"alertname": "GatewayDown"},
             "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
             "alerts": [
               {"status": "firing", "labels": {"alertname": "GatewayDown", "meridian_region": "westus2"},
                "annotations": {"summary": "5xx"}, "startsAt": "2026-12-02T03:58:00.123456789Z",
                "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "a1b2c3d4e5f60718"},
               {"status": "resolved", "labels": {"alertname": "GatewayDown", "meridian_endpoint": "contoso/eastus"},
                "annotations": {}, "startsAt": "2026-12-02T03:50:00Z", "endsAt": "2026-12-02T03:59:00Z",
                "generatorURL": "", "fingerprint": "0f0e0d0c0b0a0908"}
             ]}""";

    @Test
    void readsStatusLabelsEndsAtAndFingerprint() {
        List<AlertNotice> alerts = AlertmanagerPayload.parse(new JsonObject(PAYLOAD));

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).firing()).isTrue();
        assertThat(alerts.get(0).endsAt()).as("Alertmanager's zero time is no end").isNull();
        assertThat(alerts.get(0).name()).isEqualTo("GatewayDown");
        assertThat(alerts.get(0).fingerprint()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(alerts.get(0).labels()).containsEntry("meridian_region", "westus2");
        assertThat(alerts.get(1).firing()).isFalse();
        assertThat(alerts.get(1).endsAt()).isEqualTo(Instant.parse("2026-12-02T03:59:00Z"));
    }

    @Test
    void withoutAFingerprintTheLabelsIdentifyTheAlert() {
        String one = "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"b\": \"2\", \"a\": \"1\"}}]}";
        String same = "{\"version\": \"4\", \"alerts\": [{\"status\": \"resolved\", \"labels\": {\"a\": \"1\", \"b\": \"2\"}}]}";
        assertThat(AlertmanagerPayload.parse(new JsonObject(one)).get(0).fingerprint())
                .isEqualTo(AlertmanagerPayload.parse(new JsonObject(same)).get(0).fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"version\": \"3\", \"alerts\": []}",
        "{\"version\": 4, \"alerts\": []}",
        "{\"version\": \"4\", \"alerts\": {}}",
        "{\"version\": \"4\", \"alerts\": [7]}",
        "{\"version\": \"4\", \"alerts\": [{\"status\": \"pending\", \"labels\": {}}]}",
        "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\"}]}",
        "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": 1}}]}",
        "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"endsAt\": \"soon\"}]}",
        "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"fingerprint\": 12}]}"
    })
    void malformedPayloadsAreBadRequests(String body) {
        assertThatThrownBy(() -> AlertmanagerPayload.parse(new JsonObject(body)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
