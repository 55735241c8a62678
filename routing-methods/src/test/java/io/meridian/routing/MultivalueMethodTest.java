package io.meridian.routing;

import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link MultivalueMethod} row by row. */
class MultivalueMethodTest {
    private static final ProfileDefinition PROFILE = Fixtures.profile("mv", MethodKind.MULTIVALUE, Fallback.NONE, 2,
            endpoint("a").priority(1), endpoint("b").priority(2), endpoint("c").priority(3), endpoint("d").priority(4));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                     | health                                      | pool    | size | failOpen
            none: every endpoint disabled             | a=disabled b=disabled c=disabled d=disabled | -       | 0    | false
            one routable                              | a=degraded b=disabled c=online d=degraded   | c       | 1    | false
            n <= maxAnswers healthy: all of them      | a=online b=checking c=degraded d=disabled   | a,b     | 2    | false
            n > maxAnswers healthy: a random subset   | -                                           | a,b,c,d | 2    | false
            all degraded: fail open over enabled      | a=degraded b=degraded c=degraded d=disabled | a,b,c   | 2    | true
            """)
    void decisionTable(String row, String health, String pool, int size, boolean failOpen) {
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("mv", health), PROFILE);
        Set<String> expected = pool == null ? Set.of() : Set.of(pool.split(","));
        Set<String> seenFirst = new HashSet<>();
        Set<String> seenAnywhere = new HashSet<>();
        RandomGenerator random = seeded(3);
        for (int i = 0; i < 2000; i++) {
            ClientContext client = i % 2 == 0 ? client(Fixtures.LONDON_V6) : ecs("198.51.100.0", 24);
            Decision decision = table.decide("mv", client, random);
            Set<String> answered = decision.answers().stream().map(Endpoint::name).collect(Collectors.toSet());

            assertThat(decision.answers()).hasSize(size);
            assertThat(answered).hasSize(size).isSubsetOf(expected);
            assertThat(decision.failOpen()).isEqualTo(failOpen);
            assertThat(decision.scopePrefix()).isZero();
            if (size > 0) {
                seenFirst.add(decision.answers().get(0).name());
            }
            seenAnywhere.addAll(answered);
        }
        // random order: every member of the pool leads some answers and appears in some
        assertThat(seenFirst).isEqualTo(expected);
        assertThat(seenAnywhere).isEqualTo(expected);
    }

    @Test
    void hostNameTargetIsRejected() {
        ProfileDefinition p = Fixtures.profile("mv", MethodKind.MULTIVALUE, Fallback.NONE, 2,
                endpoint("a").host("gw.example.test"));

        assertThatThrownBy(() -> Fixtures.compile(GeoLocator.none(), healthCell("mv", ""), p))
                .hasMessageContaining("expected: an IP address for multivalue");
    }

    @Test
    void maxAnswersBelowOneIsRejected() {
        ProfileDefinition p = Fixtures.profile("mv", MethodKind.MULTIVALUE, Fallback.NONE, 0, endpoint("a"));

        assertThatThrownBy(() -> Fixtures.compile(GeoLocator.none(), healthCell("mv", ""), p))
                .hasMessageContaining("maxAnswers: 0 (expected: >= 1)");
    }

    @Test
    void explanationListsTheChosenOnes() {
        RoutingTable table = Fixtures.compile(GeoLocator.none(), healthCell("mv", "d=degraded"), PROFILE);

        Decision decision = table.explain("mv", client(Fixtures.LONDON), seeded(9));

        assertThat(decision.explanation()).contains("up to 2 of 3 routable", "skipped d (degraded)");
        Arrays.stream(names(decision).split(",")).forEach(n -> assertThat(decision.explanation()).contains(n));
    }
}
