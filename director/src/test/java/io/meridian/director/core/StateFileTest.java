package io.meridian.director.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.routing.EndpointId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    private final EndpointId westus2 = new EndpointId("contoso", "westus2");
    private final EndpointId eastasia = new EndpointId("contoso", "eastasia");

    @Test
    void missingFileMeansNoOverrides() throws IOException {
        assertThat(new StateFile(dir.resolve("absent.json")).load()).isEqualTo(OperatorOverrides.NONE);
    }

    @Test
    void savedOverridesLoadBackAndLeaveNoTemporaryFile() throws IOException {
        StateFile file = new StateFile(dir.resolve("state.json"));
        OperatorOverrides overrides = new OperatorOverrides(Map.of(westus2, false, eastasia, true));
        file.save(overrides);
        file.save(overrides.with(eastasia, true, true));

        assertThat(file.load().enabled()).containsExactly(Map.entry(westus2, false));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("state.json"));
        }
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
    void overrideEqualToConfigIsDroppedAndVanishedEndpointsAreReported() {
        OperatorOverrides overrides = OperatorOverrides.NONE.with(westus2, false, true).with(eastasia, false, true);
        assertThat(overrides.with(westus2, true, true).enabled()).containsOnlyKeys(eastasia);

        var dropped = new java.util.ArrayList<EndpointId>();
        OperatorOverrides kept = overrides.retainExisting(westus2::equals, dropped::add);
        assertThat(kept.enabled()).containsOnlyKeys(westus2);
        assertThat(dropped).containsExactly(eastasia);
    }
}
