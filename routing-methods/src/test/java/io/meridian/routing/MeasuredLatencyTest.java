package io.meridian.routing;

import static io.meridian.routing.Fixtures.EASTASIA;
import static io.meridian.routing.Fixtures.WESTEUROPE;
import static io.meridian.routing.Fixtures.WESTUS2;
import static io.meridian.routing.Fixtures.client;
import static io.meridian.routing.Fixtures.ecs;
import static io.meridian.routing.Fixtures.endpoint;
import static io.meridian.routing.Fixtures.healthCell;
import static io.meridian.routing.Fixtures.names;
import static io.meridian.routing.Fixtures.profile;
import static io.meridian.routing.Fixtures.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.latency.LatencyPolicy;
import io.meridian.routing.latency.LatencyTable;
import io.meridian.routing.latency.NetworkKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Mirrors the source decision table of {@link TableLatency} and {@link Nearest} row by row:
 * which figures decide, and the ECS scope each gives. London (GB-ENG, GeoIP /24) is measured
 * fastest to eastasia, against the model's westeurope.
 */
class MeasuredLatencyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final ProfileDefinition PERF = profile("perf", MethodKind.PERFORMANCE,
            endpoint("westus2").at(WESTUS2).priority(1),
            endpoint("westeurope").at(WESTEUROPE).priority(2),
            endpoint("eastasia").at(EASTASIA).priority(3));

    /**
     * @param feed what was measured: "net|gb|us-wa|v6" each "region=ms,..." (5 samples each), or "-"
     * @param age  hours between the samples and the query
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                     | net                                          | area: GB                                     | health              | client         | ecs | age | answer     | source      | scope
            network usable -> its figures             | westus2=150,westeurope=90,eastasia=20        | -                                            | -                   | 198.51.100.10  | -   | 0   | eastasia   | network     | 24
            network over ECS /24 -> scope 24          | westus2=150,westeurope=90,eastasia=20        | -                                            | -                   | 198.51.100.0   | 24  | 0   | eastasia   | network     | 24
            ECS /16 is many networks -> aggregate     | westus2=150,westeurope=90,eastasia=20        | westus2=150,westeurope=90,eastasia=20        | -                   | 198.51.100.10  | 16  | 0   | eastasia   | country     | 24
            network lacks a region -> aggregate       | westus2=150,eastasia=20                      | westus2=150,westeurope=10,eastasia=20        | -                   | 198.51.100.10  | -   | 0   | westeurope | country     | 24
            no usable source -> model                 | westus2=150,eastasia=20                      | -                                            | -                   | 198.51.100.10  | -   | 0   | westeurope | model       | 24
            stale network -> model                    | westus2=150,westeurope=90,eastasia=20        | -                                            | -                   | 198.51.100.10  | -   | 7   | westeurope | model       | 24
            fastest degraded -> next fastest          | westus2=150,westeurope=90,eastasia=20        | -                                            | eastasia=degraded   | 198.51.100.10  | -   | 0   | westeurope | network     | 24
            region degraded need not be measured      | westus2=150,westeurope=90                    | -                                            | eastasia=degraded   | 198.51.100.10  | -   | 0   | westeurope | network     | 24
            ties by priority                          | westus2=30,westeurope=30,eastasia=30         | -                                            | -                   | 198.51.100.10  | -   | 0   | westus2    | network     | 24
            other network, no aggregate -> model      | westus2=150,westeurope=10,eastasia=200       | -                                            | -                   | 203.0.113.30   | -   | 0   | eastasia   | model       | 24
            unknown location, no network -> priority  | westus2=150,westeurope=90,eastasia=20        | -                                            | -                   | 192.0.2.99     | -   | 0   | westus2    | -           | 32
            """)
    void sourceDecisionTable(String row, String net, String gb, String health, String address, Integer ecs, int age,
                             String answer, String source, int scope) {
        LatencyTable table = new LatencyTable(LatencyPolicy.DEFAULTS);
        feed(table, Fixtures.LONDON, List.of(), net);
        feed(table, "198.51.99.1", List.of("GB"), gb); // another GB network builds the aggregate
        RoutingTable routing = compile(table, T0.plus(Duration.ofHours(age)), PERF, health);
        ClientContext client = ecs == null ? client(address) : ecs(address, ecs);

        Decision decision = routing.decide("perf", client, seeded(1));

        assertThat(names(decision)).isEqualTo(answer);
        assertThat(decision.latency() == null ? null : decision.latency().label()).isEqualTo(source);
        assertThat(decision.scopePrefix()).isEqualTo(scope);
        assertThat(routing.explain("perf", client, seeded(1)).answers()).isEqualTo(decision.answers());
    }

    @Test
    void withoutMeasurementsTheModelKeepsTheGeoIpScope() {
        RoutingTable routing = compile(new LatencyTable(LatencyPolicy.DEFAULTS), T0, PERF, null);

        Decision tokyo = routing.decide("perf", client(Fixtures.TOKYO), seeded(1));

        assertThat(names(tokyo)).isEqualTo("eastasia");
        assertThat(tokyo.scopePrefix()).isEqualTo(16);
        assertThat(tokyo.latency()).isEqualTo(LatencySource.MODEL);
    }

    @Test
    void ipv6NetworksAreSlash48() {
        LatencyTable table = new LatencyTable(LatencyPolicy.DEFAULTS);
        feed(table, "2001:db8:1::99", List.of(), "westus2=150,westeurope=90,eastasia=20");

        Decision d = compile(table, T0, PERF, null).decide("perf", client(Fixtures.LONDON_V6), seeded(1));

        assertThat(names(d)).isEqualTo("eastasia");
        assertThat(d.scopePrefix()).isEqualTo(48);
    }

    @Test
    void theSubdivisionWinsOverTheCountry() {
        LatencyTable table = new LatencyTable(LatencyPolicy.DEFAULTS);
        feed(table, "198.51.99.1", List.of("GB-ENG"), "westus2=150,westeurope=90,eastasia=20");
        feed(table, "198.51.98.1", List.of("GB"), "westus2=10,westeurope=90,eastasia=20");

        Decision d = compile(table, T0, PERF, null).decide("perf", client(Fixtures.LONDON), seeded(1));

        assertThat(names(d)).isEqualTo("eastasia");
        assertThat(d.latency()).isEqualTo(LatencySource.SUBDIVISION);
    }

    @Test
    void theExplanationNamesTheSourceAndTheFigures() {
        LatencyTable table = new LatencyTable(LatencyPolicy.DEFAULTS);
        feed(table, Fixtures.LONDON, List.of(), "westus2=150,westeurope=90,eastasia=20");

        String why = compile(table, T0, PERF, null).explain("perf", client(Fixtures.LONDON), seeded(1)).explanation();

        assertThat(why).contains("answered eastasia, fastest by measured latency of network 198.51.100.0/24:")
                .contains("westus2 150.0 ms").contains("westeurope 90.0 ms").contains("eastasia 20.0 ms");
    }

    @Test
    void geographicFallbackNearestUsesMeasurements() {
        ProfileDefinition geo = profile("geo", MethodKind.GEOGRAPHIC,
                endpoint("westus2").at(WESTUS2).priority(1).geo("US"),
                endpoint("westeurope").at(WESTEUROPE).priority(2).geo("GB"),
                endpoint("eastasia").at(EASTASIA).priority(3).geo("JP"));
        LatencyTable table = new LatencyTable(LatencyPolicy.DEFAULTS);
        feed(table, Fixtures.LONDON, List.of(), "westus2=20,eastasia=200");
        RoutingTable routing = compile(table, T0, geo, "westeurope=degraded");

        Decision d = routing.decide("geo", client(Fixtures.LONDON), seeded(1));

        assertThat(names(d)).isEqualTo("westus2");
        assertThat(d.latency()).isEqualTo(LatencySource.NETWORK);
        assertThat(names(compile(table, T0, geo, null).decide("geo", client(Fixtures.LONDON), seeded(1))))
                .as("the mapped endpoint still wins while healthy").isEqualTo("westeurope");
    }

    private static RoutingTable compile(LatencyTable table, Instant now, ProfileDefinition p, String health) {
        MeasuredLatency measured = MeasuredLatency.of(table, InstantSource.fixed(now), EndpointId::endpoint);
        CellHealth cells = healthCell(p.name(), health);
        return RoutingTable.compile(List.of(p), cells, cells, FixedGeoLocator.world(), LatencyEstimator.greatCircle(),
                measured);
    }

    private static void feed(LatencyTable table, String address, List<String> areas, String figures) {
        if (figures == null) {
            return;
        }
        long key = NetworkKey.of(Fixtures.ip(address));
        for (String pair : figures.split(",")) {
            String[] kv = pair.split("=");
            for (int i = 0; i < 5; i++) {
                table.record(key, areas, kv[0], Double.parseDouble(kv[1]), T0);
            }
        }
    }
}
