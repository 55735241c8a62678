package io.meridian.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors {@link ComposedHealth}'s table: healthyWhen all (required = size), any (1), and N. */
class ComposedHealthTest {

    @ParameterizedTest(name = "{0} of [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | online                    | ONLINE
            1 | degraded                  | DEGRADED
            1 | checking                  | CHECKING
            2 | online online             | ONLINE
            2 | online degraded           | DEGRADED
            2 | degraded online           | DEGRADED
            2 | online checking           | CHECKING
            2 | checking checking         | CHECKING
            2 | degraded checking         | DEGRADED
            1 | online degraded           | ONLINE
            1 | degraded degraded         | DEGRADED
            1 | degraded checking         | CHECKING
            2 | online degraded online    | ONLINE
            2 | online degraded degraded  | DEGRADED
            2 | online degraded checking  | CHECKING
            3 | online online checking    | CHECKING
            3 | online online degraded    | DEGRADED
            """)
    void combinesByHowManyMustPass(int required, String statuses, HealthStatus expected) {
        List<HealthStatus> list = Arrays.stream(statuses.trim().split(" +"))
                .map(s -> HealthStatus.valueOf(s.toUpperCase(Locale.ROOT))).toList();
        assertThat(ComposedHealth.of(list, required)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "3"})
    void requiredMustBeWithinTheMonitors(int required) {
        assertThatThrownBy(() -> ComposedHealth.of(List.of(HealthStatus.ONLINE, HealthStatus.ONLINE), required))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
