package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.director.core.TestSnapshots;
import io.meridian.director.state.DirectorEvent;
import io.meridian.director.state.ProbeHistory;
import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeOutcome;
import io.meridian.routing.HealthStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real snapshots (built by the controller's pure build) to stream events. */
class StatusJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:10Z");
    private final ProbeHistory history = new ProbeHistory(ProbeHistory.CAPACITY);

    @Test
    void anEventCarriesEveryProfileAndEndpointAsTheProfileApiShowsThem() {
        Snapshot snapshot = TestSnapshots.of(HealthStatus.ONLINE);

        JsonObject state = StatusJson.state(snapshot, history, List.of(), NOW);

        assertThat(state.getJsonArray("profiles")).hasSize(2);
        assertThat(state.getJsonArray("profiles").getJsonObject(0))
                .isEqualTo(ProfileJson.profile(snapshot.table().profile("a").orElseThrow(), snapshot));
        assertThat(state.getString("configVersion")).isEqualTo(snapshot.configVersion().stamp().toString());
        assertThat(state.getLong("serial")).isEqualTo(snapshot.serial());
        assertThat(state.getString("time")).isEqualTo(NOW.toString());
        assertThat(state.getBoolean("readOnly")).isTrue();
        assertThat(state.getJsonObject("cluster").getBoolean("clustered")).isFalse();
    }

    @Test
    void aDegradedEndpointIsDegradedInTheEvent() {
        JsonObject state = StatusJson.state(TestSnapshots.of(HealthStatus.DEGRADED), history, List.of(), NOW);

        JsonObject westus2 = state.getJsonArray("profiles").getJsonObject(0).getJsonArray("endpoints").getJsonObject(0);
        assertThat(westus2.getString("name")).isEqualTo("westus2");
        assertThat(westus2.getString("status")).isEqualTo("degraded");
        assertThat(westus2.getJsonObject("lastProbe").getString("result")).isEqualTo("timeout");
    }

    @Test
    void carriesEachProbesRecentLatenciesUnderTheNameTheEndpointGivesItsProbe() {
        var probe = TestSnapshots.probe(TestSnapshots.A_WESTUS2);
        history.record(probe, ProbeOutcome.succeeded(NOW.minusSeconds(2), Duration.ofMillis(4), 200));
        history.record(probe, ProbeOutcome.succeeded(NOW.minusSeconds(1), Duration.ofMillis(6), 200));

        JsonObject state = StatusJson.state(TestSnapshots.of(HealthStatus.ONLINE), history, List.of(), NOW);

        String name = state.getJsonArray("profiles").getJsonObject(0).getJsonArray("endpoints").getJsonObject(0)
                .getString("probe");
        JsonArray samples = state.getJsonObject("history").getJsonArray(name);
        assertThat(samples).hasSize(2);
        assertThat(samples.getJsonObject(1)).isEqualTo(new JsonObject().put("time", NOW.minusSeconds(1).toString())
                .put("latencyMs", 6.0).put("success", true));
        assertThat(state.getJsonObject("history").fieldNames()).as("one entry per probe, shared ones once").hasSize(2);
    }

    @Test
    void carriesTheRecentEventsAsTheEventLogApiShowsThem() {
        DirectorEvent event = new DirectorEvent(NOW, "westus2", DirectorEvent.Kind.HEALTH, "a/westus2 online -> degraded",
                "timeout");

        JsonObject state = StatusJson.state(TestSnapshots.of(HealthStatus.ONLINE), history, List.of(event), NOW);

        assertThat(state.getJsonArray("events")).containsExactly(OperationsApi.event(event));
    }

    @Test
    void anEventIsOneDataLineOfJson() {
        String json = StatusJson.state(TestSnapshots.of(HealthStatus.ONLINE), history, List.of(), NOW).encode();

        String frame = StatusStream.frame(7, json);

        assertThat(frame).startsWith("id: 7\nevent: state\ndata: {").endsWith("}\n\n");
        assertThat(frame.lines().filter(l -> l.startsWith("data: "))).hasSize(1);
        assertThat(new JsonObject(frame.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow()
                .substring(6)).getJsonArray("profiles")).hasSize(2);
    }
}
