package io.meridian.routing;

import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.profile;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link WeightedMethod}; proportions over many seeded draws. */
class WeightedMethodTest {
    private static final int DRAWS = 100_000;
    private static final ProfileDefinition PROFILE = profile("w", MethodKind.WEIGHTED,
            endpoint("a").weight(100), endpoint("b").weight(300), endpoint("c").weight(600));

    @ParameterizedTest(name = "{0}: [{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                | health                           | a share | b share | c share | failOpen
            none: every endpoint disabled        | a=disabled b=disabled c=disabled | 0       | 0       | 0       | false
            one routable                         | a=degraded b=disabled c=online   | 0       | 0       | 1       | false
            several healthy: by weight           | a=online b=checking c=online     | 0.1     | 0.3     | 0.6     | false
            several healthy: degraded left out   | a=online b=degraded c=online     | 0.142857| 0       | 0.857143| false
            all degraded: by weight, fail open   | a=degraded b=degraded c=degraded | 0.1     | 0.3     | 0.6     | true
            all degraded: disabled stays out     | a=degraded b=degraded c=disabled | 0.25    | 0.75    | 0       | true
            """)
    void decisionTable(String row, String health, double a, double b, double c, boolean failOpen) {
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("w", health), PROFILE);
        RandomGenerator random = seeded(42);
        Map<String, Integer> counts = new HashMap<>();
        int empty = 0;
        for (int i = 0; i < DRAWS; i++) {
            ClientContext client = i % 2 == 0 ? client(Fixtures.LONDON) : ecs("2001:db8:1::", 48);
            Decision decision = table.decide("w", client, random);
            assertThat(decision.failOpen()).isEqualTo(failOpen);
            assertThat(decision.scopePrefix()).isZero();
            if (decision.answers().isEmpty()) {
                empty++;
            } else {
                assertThat(decision.answers()).hasSize(1);
                counts.merge(names(decision), 1, Integer::sum);
            }
        }
        // the standard deviation of a share over 100k draws is at most 0.0016; 0.01 is over 6 sigma
        assertThat(share(counts, "a")).isCloseTo(a, within(0.01));
        assertThat(share(counts, "b")).isCloseTo(b, within(0.01));
        assertThat(share(counts, "c")).isCloseTo(c, within(0.01));
        assertThat(empty).isEqualTo(a + b + c == 0 ? DRAWS : 0);
    }

    @Test
    void sameSeedSameSequence() {
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("w", ""), PROFILE);
        RandomGenerator first = seeded(7);
        RandomGenerator second = seeded(7);
        for (int i = 0; i < 100; i++) {
            assertThat(names(table.decide("w", client(Fixtures.LONDON), first)))
                    .isEqualTo(names(table.explain("w", client(Fixtures.LONDON), second)));
        }
    }

    @Test
    void weightOutOfRangeIsRejected() {
        ProfileDefinition p = profile("w", MethodKind.WEIGHTED, endpoint("a").weight(0));

        assertThatThrownBy(() -> Fixtures.table(List.of(p), healthCell("w", ""), GeoLocator.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight: 0 (expected: 1..1000)");
    }

    private static double share(Map<String, Integer> counts, String name) {
        return counts.getOrDefault(name, 0) / (double) DRAWS;
    }
}
