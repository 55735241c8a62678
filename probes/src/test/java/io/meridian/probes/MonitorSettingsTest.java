package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.probes.MonitorSettings.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitorSettingsTest {
    private static final MonitorSettings HTTP = MonitorSettings.defaults(Protocol.HTTP);

    @Test
    void timeoutMustBeBelowInterval() {
        assertThatThrownBy(() -> HTTP.withTiming(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessage("timeout: PT5S (expected: < interval PT5S)");
    }

    @Test
    void rejectsNonPositiveDurationsAndBadPaths() {
        assertThatThrownBy(() -> HTTP.withTiming(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessage("retryInterval: PT0S (expected: > 0)");
        assertThatThrownBy(() -> HTTP.withHttp("status", "", Map.of(), true))
                .hasMessage("path: \"status\" (expected: starting with /)");
        assertThatThrownBy(() -> HTTP.withThresholds(3, 0)).hasMessage("recoverAfter: 0 (expected: 1..100)");
    }

    @Test
    void expectBodyIsBoundedByTheBodyLimit() {
        String big = "x".repeat(MonitorSettings.BODY_LIMIT + 1);
        assertThatThrownBy(() -> HTTP.withHttp("/", big, Map.of(), true))
                .hasMessage("expectBody: 65537 bytes (expected: <= 65536)");
    }

    @Test
    void expectedStatusesMatchAndAreDescribedAsRanges() {
        Set<Integer> codes = new HashSet<>(MonitorSettings.statusCodes(300, 302));
        codes.add(200);
        MonitorSettings s = new MonitorSettings(Protocol.HTTP, "/", Duration.ofSeconds(10), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(1), 2, codes, "", Map.of(), true);
        assertThat(s.statusExpected(200)).isTrue();
        assertThat(s.statusExpected(302)).isTrue();
        assertThat(s.statusExpected(204)).isFalse();
        assertThat(s.describeExpected()).isEqualTo("200, 300-302");
        assertThat(HTTP.describeExpected()).isEqualTo("200-299");
        assertThatThrownBy(() -> new MonitorSettings(Protocol.HTTP, "/", Duration.ofSeconds(10), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(1), 2, Set.of(600), "", Map.of(), true))
                .hasMessage("expectedStatusCodes: 600 (expected: 100..599)");
    }

    @Test
    void hostHeaderOverridesTargetNameWhichOverridesAddress() {
        assertThat(new ProbeTarget("gw.example.test", "127.0.0.1", 443, HTTP).effectiveHost())
                .isEqualTo("gw.example.test");
        assertThat(new ProbeTarget(null, "127.0.0.1", 443, HTTP).effectiveHost()).isEqualTo("127.0.0.1");
        MonitorSettings withHost = HTTP.withHttp("/", "", Map.of("HOST", "custom.example.test"), true);
        assertThat(new ProbeTarget("gw.example.test", "127.0.0.1", 443, withHost).effectiveHost())
                .isEqualTo("custom.example.test");
        assertThatThrownBy(() -> new ProbeTarget(null, "127.0.0.1", 0, HTTP))
                .hasMessage("port: 0 (expected: 1..65535)");
    }

    @Test
    void monitorOptionsAreChecked() {
        assertThatThrownBy(() -> MonitorOptions.defaults().withMaxConcurrentProbes(0))
                .hasMessage("maxConcurrentProbes: 0 (expected: 1..100000)");
        assertThatThrownBy(() -> MonitorOptions.defaults().withSnapshotDelay(Duration.ofMillis(-1)))
                .hasMessage("snapshotDelay: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> MonitorOptions.defaults().withIoEventLoops(-1))
                .hasMessage("ioEventLoops: -1 (expected: 0..256)");
    }

    @Test
    void detectionBoundFollowsTheFormula() {
        // SPEC example: timeout 5s, toleratedFailures 3, retryInterval 1s -> 5 + 3 * (1 + 5) = 23s.
        assertThat(DetectionBound.worstCase(HTTP)).isEqualTo(Duration.ofSeconds(23));
        assertThat(DetectionBound.worstCase(HTTP.withThresholds(0, 1))).isEqualTo(Duration.ofSeconds(5));
    }
}
