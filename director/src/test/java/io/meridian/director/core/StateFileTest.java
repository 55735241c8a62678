package io.meridian.director.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.Stamp;
import io.meridian.routing.EndpointId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path dir;

    private final OverrideKey westus2 = new OverrideKey.Endpoint(new EndpointId("contoso", "westus2"));
    private final OverrideKey eastasia = new OverrideKey.Endpoint(new EndpointId("contoso", "eastasia"));

    private static OperatorOverride override(Boolean enabled, long second) {
        return new OperatorOverride(enabled, T0.plusSeconds(second), "westus2", "192.0.2.7", enabled == null ? null : "patching",
                enabled == Boolean.FALSE ? T0.plusSeconds(3600) : null, new Stamp(T0.plusSeconds(second).toEpochMilli(), 0, "westus2"));
    }

    @Test
    void missingFileMeansNoState() throws IOException {
        assertThat(new StateFile(dir.resolve("absent.json")).load()).isEqualTo(StateFile.Saved.NONE);
    }

    @Test
    void savedStateLoadsBackWithStampsRemovalsAndConfigVersionAndLeavesNoTemporaryFile() throws IOException {
        StateFile file = new StateFile(dir.resolve("state.json"));
        OperatorState state = OperatorState.NONE.with(westus2, override(false, 1)).with(eastasia, override(null, 2));
        ConfigVersion config = new ConfigVersion(new Stamp(T0.toEpochMilli(), 3, "eastasia"), "ab12");
        file.save(state, config);

        StateFile.Saved saved = file.load();
        assertThat(saved.operator()).isEqualTo(state);
        assertThat(saved.operator().version()).isEqualTo(override(null, 2).stamp());
        assertThat(saved.config()).isEqualTo(config);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("state.json"));
        }
    }

    @Test
    void regionOverridesAndAlertsOnRegionsAndEndpointsLoadBack() throws IOException {
        StateFile file = new StateFile(dir.resolve("state.json"));
        OperatorState state = OperatorState.NONE
                .with(new OverrideKey.Region("westus2"), override(false, 1))
                .with(new OverrideKey.Alert("a1b2", new OverrideKey.Region("eastus")), override(false, 2))
                .with(new OverrideKey.Alert("c3d4", westus2), override(null, 3));
        file.save(state, new ConfigVersion(Stamp.ZERO, "ab12"));

        assertThat(file.load().operator()).isEqualTo(state);
    }

    @Test
    void aVersionOneFileReadsAsOverridesStampedAtTheEpoch() throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, """
                {"version": 1, "overrides": [{"profile": "contoso", "endpoint": "westus2", "enabled": false}]}
                """);
        StateFile.Saved saved = new StateFile(path).load();

        OperatorOverride o = saved.operator().overrides().get(westus2);
        assertThat(o.enabled()).isFalse();
        assertThat(o.stamp()).isEqualTo(Stamp.ZERO);
        assertThat(o.until()).isNull();
        assertThat(saved.config()).isNull();
    }

    @Test
    void corruptFileIsAnErrorThatNamesTheFile() throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, "{not json");
        assertThatThrownBy(() -> new StateFile(path).load())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString());
    }

    @Test
    void anOlderChangeNeverReplacesANewerOneAndDroppingKeepsTheVersion() {
        OperatorState state = OperatorState.NONE.with(westus2, override(false, 5));
        assertThat(state.with(westus2, override(true, 4))).isSameAs(state);

        List<OverrideKey> dropped = new ArrayList<>();
        OperatorState kept = state.with(eastasia, override(false, 6)).retain(westus2::equals, (k, o) -> dropped.add(k));
        assertThat(kept.overrides()).containsOnlyKeys(westus2);
        assertThat(dropped).containsExactly(eastasia);
        assertThat(kept.version()).isEqualTo(override(false, 6).stamp());
    }
}
