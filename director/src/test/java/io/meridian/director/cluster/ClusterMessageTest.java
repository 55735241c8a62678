package io.meridian.director.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.EndpointVote;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.SharedSample;
import io.meridian.director.state.Stamp;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.latency.NetworkKey;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What directors tell each other reads back as it was sent; anything else is refused. */
class ClusterMessageTest {
    private static final Stamp STAMP = new Stamp(Instant.parse("2026-12-02T06:00:00Z").toEpochMilli(), 1, "westus2");

    @Test
    void everyKindRoundTrips() throws Exception {
        Map<OverrideKey, OperatorOverride> overrides = Map.of(new OverrideKey.Endpoint(new EndpointId("contoso", "westus2")),
                new OperatorOverride(false, Instant.parse("2026-12-02T06:00:00Z"), "westus2", "192.0.2.7", "patching",
                        Instant.parse("2026-12-02T08:00:00Z"), STAMP),
                new OverrideKey.Endpoint(new EndpointId("contoso", "eastasia")),
                new OperatorOverride(null, Instant.parse("2026-12-02T06:01:00Z"), "eastasia", "192.0.2.8", null, null,
                        STAMP));
        SharedConfig config = new SharedConfig(new ConfigVersion(STAMP, "ab12"), "westus2", "dns: {}\n# ünïcode\n");
        Map<EndpointId, EndpointVote> votes = new HashMap<>();
        votes.put(new EndpointId("contoso", "westus2"), new EndpointVote(HealthStatus.DEGRADED, null));
        votes.put(new EndpointId("contoso", "eastasia"), new EndpointVote(HealthStatus.ONLINE, 151.25));

        for (ClusterMessage m : new ClusterMessage[] {
            new ClusterMessage.State("westus2", overrides, config),
            new ClusterMessage.State("westus2", Map.of(), null),
            new ClusterMessage.Overrides("westus2", overrides),
            new ClusterMessage.Config("westus2", config),
            new ClusterMessage.View("westus2", "127.0.0.1:7800", STAMP, votes),
            new ClusterMessage.Samples("westus2", List.of(
                    new SharedSample(NetworkKey.of(InetAddress.getLoopbackAddress()), List.of("GB-ENG", "GB"), "eastasia",
                            20.5, STAMP.millis()),
                    new SharedSample(NetworkKey.of(InetAddress.getByName("::1")), List.of(), "westus2", 80, 1)))}) {
            assertThat(ClusterMessage.decode(ClusterMessage.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void malformedMessagesAreRefused() {
        assertThatThrownBy(() -> ClusterMessage.decode("{\"from\": \"x\", \"type\": \"gossip\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("type: gossip");
        assertThatThrownBy(() -> ClusterMessage.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> ClusterMessage.decode("{\"type\": \"overrides\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }
}
