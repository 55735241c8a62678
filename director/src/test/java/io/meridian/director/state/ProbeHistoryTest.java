package io.meridian.director.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.director.core.TestSnapshots;
import io.meridian.probes.FailureKind;
import io.meridian.probes.ProbeOutcome;
import io.meridian.probes.ProbeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    private final ProbeTarget westus2 = TestSnapshots.probe(TestSnapshots.A_WESTUS2);
    private final ProbeTarget westeurope = TestSnapshots.probe(TestSnapshots.A_WESTEUROPE);

    @Test
    void keepsTheLatestSamplesOldestFirstUpToItsCapacity() {
        ProbeHistory history = new ProbeHistory(3);

        for (int i = 1; i <= 5; i++) {
            history.record(westus2, ProbeOutcome.succeeded(T0.plusSeconds(i), Duration.ofMillis(i), 200));
        }

        assertThat(history.of(westus2)).extracting(ProbeHistory.Sample::latencyMs).containsExactly(3.0, 4.0, 5.0);
        assertThat(history.of(westus2).get(0).time()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void recordsFailuresAndRoundsToHundredthsOfAMillisecond() {
        ProbeHistory history = new ProbeHistory(ProbeHistory.CAPACITY);

        history.record(westus2, ProbeOutcome.failed(T0, Duration.ofNanos(1_234_567), FailureKind.BAD_STATUS, 500, "500"));

        assertThat(history.of(westus2)).containsExactly(new ProbeHistory.Sample(T0, 1.23, false));
        assertThat(history.of(westeurope)).isEmpty();
    }

    @Test
    void forgetsProbesNoLongerProbed() {
        ProbeHistory history = new ProbeHistory(ProbeHistory.CAPACITY);
        history.record(westus2, ProbeOutcome.succeeded(T0, Duration.ofMillis(1), 200));
        history.record(westeurope, ProbeOutcome.succeeded(T0, Duration.ofMillis(2), 200));

        history.retain(Set.of(westeurope));

        assertThat(history.of(westus2)).isEmpty();
        assertThat(history.of(westeurope)).hasSize(1);
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new ProbeHistory(0)).hasMessage("capacity: 0 (expected: >= 1)");
    }
}
