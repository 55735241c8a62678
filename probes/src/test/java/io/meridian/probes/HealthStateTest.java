package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.routing.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);

    private static ProbeOutcome outcome(boolean success) {
        return success ? ProbeOutcome.succeeded(NOW, Duration.ofMillis(3), 200)
                : ProbeOutcome.failed(NOW, Duration.ofMillis(3), FailureKind.TIMEOUT, 0, "slow");
    }

    /** Mirrors the table in {@link HealthState}'s class comment, row for row (t = 2, r = 3). */
    @ParameterizedTest(name = "{0} f={1} s={2} {3} -> {4} {5}")
    @CsvSource({
            // status, failures before, successes before, outcome, next status, change
            "CHECKING, 0, 0, success, ONLINE,   CHANGED",
            "CHECKING, 0, 0, failure, DEGRADED, CHANGED",
            "ONLINE,   0, 5, success, ONLINE,   UNCHANGED",
            "ONLINE,   1, 0, failure, ONLINE,   PENDING",   // f = 2 <= t
            "ONLINE,   2, 0, failure, DEGRADED, CHANGED",   // f = 3 = t + 1
            "DEGRADED, 4, 0, failure, DEGRADED, UNCHANGED",
            "DEGRADED, 0, 1, success, DEGRADED, PENDING",   // s = 2 < r
            "DEGRADED, 0, 2, success, ONLINE,   CHANGED",   // s = 3 = r
    })
    void decisionTable(HealthStatus status, int failures, int successes, String outcome, HealthStatus expected,
                       HealthState.Change change) {
        HealthState state = new HealthState(status, failures, successes, T0);
        HealthState.Next next = state.next(outcome(outcome.equals("success")), NOW, new HealthPolicy(2, 3));

        assertThat(next.state().status()).isEqualTo(expected);
        assertThat(next.change()).isEqualTo(change);
        assertThat(next.state().since()).isEqualTo(change == HealthState.Change.CHANGED ? NOW : T0);
        boolean success = outcome.equals("success");
        assertThat(next.state().consecutiveFailures()).isEqualTo(success ? 0 : failures + 1);
        assertThat(next.state().consecutiveSuccesses()).isEqualTo(success ? successes + 1 : 0);
    }

    @Test
    void zeroToleratedFailuresDegradesOnTheFirstFailure() {
        HealthState online = new HealthState(HealthStatus.ONLINE, 0, 3, T0);
        HealthState.Next next = online.next(outcome(false), NOW, new HealthPolicy(0, 1));
        assertThat(next.state().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(next.reason()).isEqualTo("1 consecutive failures (tolerated 0): TIMEOUT: slow");
    }

    @Test
    void flappingDoesNotFlipOnEveryProbeWhenRecoverAfterExceedsOne() {
        HealthPolicy policy = new HealthPolicy(0, 2);
        HealthState state = HealthState.initial(T0);
        List<HealthStatus> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            state = state.next(outcome(i % 2 == 0), NOW, policy).state(); // success, failure, success, ...
            statuses.add(state.status());
        }
        // First success decides online, the first failure degrades, and single successes never recover.
        assertThat(statuses.subList(0, 2)).containsExactly(HealthStatus.ONLINE, HealthStatus.DEGRADED);
        assertThat(statuses.subList(2, 20)).containsOnly(HealthStatus.DEGRADED);
    }

    @Test
    void rejectsDisabledAndContradictoryCounters() {
        assertThatThrownBy(() -> new HealthState(HealthStatus.DISABLED, 0, 0, T0))
                .hasMessageStartingWith("status: DISABLED (expected: CHECKING, ONLINE or DEGRADED");
        assertThatThrownBy(() -> new HealthState(HealthStatus.ONLINE, 1, 1, T0))
                .hasMessage("consecutiveFailures: 1, consecutiveSuccesses: 1 (expected: >= 0, at most one > 0)");
    }

    @Test
    void policyRangesAreChecked() {
        assertThatThrownBy(() -> new HealthPolicy(10, 1)).hasMessage("toleratedFailures: 10 (expected: 0..9)");
        assertThatThrownBy(() -> new HealthPolicy(0, 0)).hasMessage("recoverAfter: 0 (expected: 1..100)");
    }
}
