package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.director.state.OverrideRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverrideBodyTest {
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

    @Test
    void readsEveryFieldAndAnOffsetUntil() {
        OverrideRequest r = OverrideBody.parse(new JsonObject("""
                {"enabled": false, "reason": "patching", "until": "2026-12-02T07:00:00+01:00", "force": true}"""),
                "127.0.0.1", NOW);
        assertThat(r.enabled()).isFalse();
        assertThat(r.reason()).isEqualTo("patching");
        assertThat(r.until()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(r.force()).isTrue();
        assertThat(r.source()).isEqualTo("127.0.0.1");
    }

    @Test
    void onlyEnabledIsRequired() {
        OverrideRequest r = OverrideBody.parse(new JsonObject("{\"enabled\": true}"), "127.0.0.1", NOW);
        assertThat(r.reason()).isNull();
        assertThat(r.until()).isNull();
        assertThat(r.force()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"enabled\": \"no\"}",
        "{\"enabled\": false, \"until\": \"2026-12-02T03:59:59Z\"}",
        "{\"enabled\": false, \"until\": \"2026-12-02T04:00:00Z\"}",
        "{\"enabled\": false, \"until\": \"tomorrow\"}",
        "{\"enabled\": false, \"until\": \"2026-12-02T06:00:00\"}",
        "{\"enabled\": false, \"until\": 1764648000}",
        "{\"enabled\": false, \"reason\": \"\"}",
        "{\"enabled\": false, \"reason\": 7}",
        "{\"enabled\": false, \"force\": \"yes\"}",
        "{\"enabled\": false, \"expires\": \"2026-12-02T06:00:00Z\"}"
    })
    void anythingElseIsABadRequest(String body) {
        assertThatThrownBy(() -> OverrideBody.parse(new JsonObject(body), "127.0.0.1", NOW))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertThatThrownBy(() -> OverrideBody.parse(null, "127.0.0.1", NOW)).isInstanceOf(ApiError.class);
    }
}
