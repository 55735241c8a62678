package io.meridian.routing.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The estimator on a hand-moved clock: minimum count, decay, clipping, freshness, the cap, the file. */
class LatencyTableTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final LatencyPolicy POLICY = new LatencyPolicy(5, Duration.ofHours(1), Duration.ofHours(6),
            1000, 3.0, 100);
    private static final long LONDON = NetworkKey.of(ip("198.51.100.10"));
    private static final List<String> GB = List.of("GB-ENG", "GB");

    private final LatencyTable table = new LatencyTable(POLICY);

    @Test
    void aFigureIsUsableFromMinSamplesOn() {
        for (int i = 1; i <= 4; i++) {
            table.record(LONDON, GB, "eastasia", 20, T0.plusSeconds(i));
            assertThat(usable("eastasia", T0.plusSeconds(i))).as("after %d samples", i).isNaN();
        }
        table.record(LONDON, GB, "eastasia", 20, T0.plusSeconds(5));

        assertThat(usable("eastasia", T0.plusSeconds(5))).isCloseTo(20, within(0.01));
        assertThat(table.network(LONDON, T0.plusSeconds(5)).estimates()).singleElement()
                .satisfies(e -> {
                    assertThat(e.samples()).isEqualTo(5);
                    assertThat(e.usable()).isTrue();
                });
    }

    @Test
    void theMeanIsGeometric() {
        table.record(LONDON, GB, "westus2", 10, T0);
        table.record(LONDON, GB, "westus2", 40, T0);

        assertThat(table.network(LONDON, T0).estimates().get(0).millis()).isCloseTo(20, within(0.01));
    }

    @Test
    void oldSamplesWeighHalfAfterAHalfLife() {
        // 10 samples of 100 ms, then one half-life later 10 of 25 ms: the old ones weigh 5, the new 10
        for (int i = 0; i < 10; i++) {
            table.record(LONDON, GB, "westus2", 100, T0);
        }
        Instant later = T0.plus(POLICY.halfLife());
        for (int i = 0; i < 10; i++) {
            table.record(LONDON, GB, "westus2", 50, later);
        }
        double expected = Math.exp((5 * Math.log(100) + 10 * Math.log(50)) / 15);

        assertThat(usable("westus2", later)).isCloseTo(expected, within(0.5));
        assertThat(table.network(LONDON, later).estimates().get(0).weight()).isCloseTo(15, within(0.01));
    }

    @Test
    void anOutlierIsClippedOnceTheEstimateIsInUse() {
        for (int i = 0; i < 5; i++) {
            assertThat(table.record(LONDON, GB, "westus2", 40, T0)).isEqualTo(LatencyTable.Outcome.ACCEPTED);
        }
        assertThat(table.record(LONDON, GB, "westus2", 50_000, T0)).isEqualTo(LatencyTable.Outcome.CLIPPED);

        // counted as 3 x 40 = 120 ms: ln-mean moves by ln(3)/6
        assertThat(usable("westus2", T0)).isCloseTo(40 * Math.exp(Math.log(3) / 6), within(0.05));
    }

    @Test
    void beforeMinSamplesNothingIsClipped() {
        table.record(LONDON, GB, "westus2", 40, T0);

        assertThat(table.record(LONDON, GB, "westus2", 4000, T0)).isEqualTo(LatencyTable.Outcome.ACCEPTED);
    }

    @Test
    void aChangedRouteShowsAgainstACappedWeight() {
        for (int i = 0; i < 1000; i++) {
            table.record(LONDON, GB, "westus2", 40, T0);
        }
        for (int i = 0; i < 300; i++) {
            table.record(LONDON, GB, "westus2", 100, T0);
        }

        assertThat(usable("westus2", T0)).isGreaterThan(90);
    }

    @Test
    void aFigureOlderThanFreshForIsNotUsed() {
        for (int i = 0; i < 5; i++) {
            table.record(LONDON, GB, "westus2", 40, T0);
        }

        assertThat(usable("westus2", T0.plus(POLICY.freshFor()))).isCloseTo(40, within(0.01));
        assertThat(usable("westus2", T0.plus(POLICY.freshFor()).plusSeconds(1))).isNaN();
        assertThat(table.network(LONDON, T0.plus(Duration.ofHours(7))).estimates().get(0).usable()).isFalse();
    }

    @Test
    void areasAggregateEveryNetworkInThem() {
        long other = NetworkKey.of(ip("198.51.101.10"));
        for (int i = 0; i < 3; i++) {
            table.record(LONDON, GB, "westus2", 100, T0);
            table.record(other, List.of("GB"), "westus2", 100, T0);
        }

        assertThat(table.area("GB", T0).usableMillis(table.regionId("westus2"))).isCloseTo(100, within(0.01));
        assertThat(table.area("GB-ENG", T0).usableMillis(table.regionId("westus2"))).isNaN(); // 3 samples
        assertThat(table.area("FR", T0)).isNull();
    }

    @Test
    void pastTheCapTheLeastRecentlyUpdatedNetworkGoes() {
        LatencyTable small = new LatencyTable(POLICY.withLimits(1, Duration.ofHours(1), Duration.ofHours(6), 3));
        long a = NetworkKey.of(ip("192.0.2.1"));
        long b = NetworkKey.of(ip("198.51.100.1"));
        long c = NetworkKey.of(ip("203.0.113.1"));
        long d = NetworkKey.of(ip("2001:db8::1"));
        small.record(a, List.of(), "westus2", 10, T0);
        small.record(b, List.of(), "westus2", 10, T0);
        small.record(c, List.of(), "westus2", 10, T0);
        small.record(a, List.of(), "westus2", 10, T0.plusSeconds(1)); // a is now the most recent

        small.record(d, List.of(), "westus2", 10, T0.plusSeconds(2));

        assertThat(small.networkCount()).isEqualTo(3);
        assertThat(small.evictions()).isEqualTo(1);
        assertThat(small.network(b, T0)).isNull();
        assertThat(small.network(a, T0)).isNotNull();
        assertThat(small.network(d, T0)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 60_000, 1e9, Double.NaN, Double.POSITIVE_INFINITY})
    void anRttOutOfBoundsIsRefused(double rtt) {
        assertThatThrownBy(() -> table.record(LONDON, GB, "westus2", rtt, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rttMs");
        assertThat(table.networkCount()).isZero();
        assertThat(table.areaCount()).isZero();
    }

    @Test
    void theSnapshotFileRestoresFiguresUnderOtherRegionIds() throws IOException {
        long other = NetworkKey.of(ip("2001:db8:1::1"));
        for (int i = 0; i < 5; i++) {
            table.record(LONDON, GB, "westus2", 150, T0);
            table.record(LONDON, GB, "eastasia", 20, T0);
            table.record(other, List.of("JP"), "eastasia", 30, T0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LatencyTableFile.write(table, out);

        LatencyTable restored = new LatencyTable(POLICY);
        restored.regionId("westeurope"); // ids differ from the written table's
        LatencyTableFile.Restored r = LatencyTableFile.read(new ByteArrayInputStream(out.toByteArray()), restored, T0);

        assertThat(r).isEqualTo(new LatencyTableFile.Restored(2, 3, 0));
        assertThat(restored.network(LONDON, T0).usableMillis(restored.regionId("eastasia"))).isCloseTo(20, within(0.01));
        assertThat(restored.network(LONDON, T0).usableMillis(restored.regionId("westus2"))).isCloseTo(150, within(0.01));
        assertThat(restored.area("JP", T0).usableMillis(restored.regionId("eastasia"))).isCloseTo(30, within(0.01));
    }

    @Test
    void restoringDropsStaleNetworksAndRefusesForeignFiles() throws IOException {
        table.record(LONDON, GB, "westus2", 150, T0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LatencyTableFile.write(table, out);
        LatencyTable restored = new LatencyTable(POLICY);

        LatencyTableFile.Restored r = LatencyTableFile.read(new ByteArrayInputStream(out.toByteArray()), restored,
                T0.plus(Duration.ofDays(1)));

        assertThat(r.stale()).isEqualTo(1);
        assertThat(restored.networkCount()).isZero();
        assertThatThrownBy(() -> LatencyTableFile.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                new LatencyTable(POLICY), T0)).isInstanceOf(IOException.class).hasMessageContaining("not a Meridian");
    }

    @Test
    void networkKeysAreSlash24AndSlash48() {
        assertThat(NetworkKey.of(ip("198.51.100.10"))).isEqualTo(NetworkKey.of(ip("198.51.100.250")));
        assertThat(NetworkKey.of(ip("198.51.100.10"))).isNotEqualTo(NetworkKey.of(ip("198.51.101.10")));
        assertThat(NetworkKey.format(NetworkKey.of(ip("198.51.100.10")))).isEqualTo("198.51.100.0/24");
        assertThat(NetworkKey.of(ip("2001:db8:1:ffff::1"))).isEqualTo(NetworkKey.of(ip("2001:db8:1::")));
        assertThat(NetworkKey.format(NetworkKey.of(ip("2001:db8:1::1")))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(NetworkKey.valid(NetworkKey.of(ip("2001:db8:1::1")))).isTrue();
        assertThat(NetworkKey.valid(0)).isFalse();
    }

    private double usable(String region, Instant now) {
        Figures f = table.network(LONDON, now);
        return f == null ? Double.NaN : f.usableMillis(table.regionId(region));
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
