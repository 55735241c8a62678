package io.meridian.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.Quorum.Rule;
import io.meridian.routing.Quorum.Vote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the decision table of {@link Quorum} row for row, then two properties over random votes. */
class QuorumTest {
    private static final Duration FRESH = Duration.ofSeconds(3);

    /** "online degraded stale-online checking": each word a vote, "stale-" for one past the horizon. */
    private static List<Vote> votes(String cell) {
        List<Vote> votes = new ArrayList<>();
        if (cell == null || cell.isBlank()) {
            return votes;
        }
        for (String word : cell.trim().split("\\s+")) {
            boolean stale = word.startsWith("stale-");
            HealthStatus status = HealthStatus.valueOf(word.substring(stale ? 6 : 0).toUpperCase());
            votes.add(new Vote("d" + votes.size(), status, stale ? FRESH : Duration.ZERO));
        }
        return votes;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            any: no fresh opinion                 | ANY      | checking stale-online          | CHECKING
            any: one online is enough             | ANY      | degraded degraded online       | ONLINE
            any: all degraded                     | ANY      | degraded degraded stale-online | DEGRADED
            majority: no fresh opinion            | MAJORITY | stale-degraded checking        | CHECKING
            majority: one opinion decides         | MAJORITY | degraded stale-online checking | DEGRADED
            majority: one opinion decides online  | MAJORITY | online                         | ONLINE
            majority: 2 of 3 degraded             | MAJORITY | degraded degraded online       | DEGRADED
            majority: 1 of 2 is not a majority    | MAJORITY | degraded online                | ONLINE
            majority: 2 of 2 degraded             | MAJORITY | degraded degraded              | DEGRADED
            majority: 1 of 3 degraded             | MAJORITY | degraded online online         | ONLINE
            majority: 2 of 4 is not a majority    | MAJORITY | degraded degraded online online | ONLINE
            """)
    void decisionTable(String row, Rule rule, String votes, HealthStatus expected) {
        assertThat(Quorum.combine(rule, votes(votes), FRESH).status()).as(row).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void underMajorityOneViewAloneNeverDegradesWhileTwoOrMoreAreFresh(@ForAll("votes") List<Vote> votes) {
        long fresh = votes.stream().filter(v -> v.freshFor(FRESH) && v.status() != HealthStatus.CHECKING).count();
        long degraded = votes.stream().filter(v -> v.freshFor(FRESH) && v.status() == HealthStatus.DEGRADED).count();
        if (fresh >= 2 && degraded <= 1) {
            assertThat(Quorum.combine(Rule.MAJORITY, votes, FRESH).status()).isEqualTo(HealthStatus.ONLINE);
        }
    }

    @Property(tries = 1000)
    void expiredViewsNeverCount(@ForAll("votes") List<Vote> votes, @ForAll Rule rule) {
        List<Vote> freshOnly = votes.stream().filter(v -> v.freshFor(FRESH)).toList();
        assertThat(Quorum.combine(rule, votes, FRESH)).isEqualTo(Quorum.combine(rule, freshOnly, FRESH));
    }

    @Provide
    Arbitrary<List<Vote>> votes() {
        Arbitrary<HealthStatus> status = Arbitraries.of(HealthStatus.CHECKING, HealthStatus.ONLINE, HealthStatus.DEGRADED);
        Arbitrary<Duration> age = Arbitraries.longs().between(0, 6_000).map(Duration::ofMillis);
        return Combinators.combine(Arbitraries.strings().alpha().ofLength(3), status, age).as(Vote::new)
                .list().ofMaxSize(7);
    }
}
