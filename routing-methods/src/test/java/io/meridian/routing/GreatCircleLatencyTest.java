package io.meridian.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GreatCircleLatencyTest {
    private static final GeoPoint LONDON = new GeoPoint(51.5074, -0.1278);

    @ParameterizedTest(name = "London to ({0}, {1}) is {2} km")
    @CsvSource({
            "51.5074, -0.1278, 0",
            "40.7128, -74.0060, 5570",    // New York
            "-33.8688, 151.2093, 16994",  // Sydney
            "48.8566, 2.3522, 344"})      // Paris
    void haversineDistances(double lat, double lon, double km) {
        assertThat(GreatCircleLatency.distanceKm(LONDON, new GeoPoint(lat, lon))).isCloseTo(km, within(15.0));
    }

    @Test
    void millisAreRoundTripThroughInflatedFibre() {
        GeoPoint newYork = new GeoPoint(40.7128, -74.0060);
        LatencyEstimator.Bound bound = LatencyEstimator.greatCircle().bind(List.of(
                Fixtures.endpoint("ny").at(newYork).build(), Fixtures.endpoint("nowhere").build()));
        double km = GreatCircleLatency.distanceKm(LONDON, newYork);

        // 2 (round trip) * 1.5 (path inflation) / 200 km/ms
        assertThat(bound.millis(LONDON, 0)).isCloseTo(km * 2 * 1.5 / 200, within(0.01));
        assertThat(bound.millis(LONDON, 1)).isInfinite();
    }

    @Test
    void fastestMatchesTheDefaultRankingByMillis() {
        List<Endpoint> endpoints = List.of(
                Fixtures.endpoint("a").at(new GeoPoint(40.7, -74)).build(),
                Fixtures.endpoint("b").at(new GeoPoint(48.85, 2.35)).build(),
                Fixtures.endpoint("c").build(),
                Fixtures.endpoint("d").at(new GeoPoint(48.85, 2.35)).build());
        LatencyEstimator.Bound fast = LatencyEstimator.greatCircle().bind(endpoints);
        LatencyEstimator.Bound plain = fast::millis; // the interface's default fastest()

        int[] candidates = {2, 0, 3, 1};
        assertThat(fast.fastest(LONDON, candidates, -1)).isEqualTo(3).isEqualTo(plain.fastest(LONDON, candidates, -1));
        assertThat(fast.fastest(LONDON, candidates, 3)).isEqualTo(1).isEqualTo(plain.fastest(LONDON, candidates, 3));
        assertThat(fast.fastest(LONDON, new int[] {2}, -1)).isEqualTo(2);
        assertThat(fast.fastest(LONDON, new int[] {2}, 2)).isEqualTo(-1);
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> LatencyEstimator.greatCircle(0, 1.5).bind(List.of()))
                .hasMessageContaining("fibreKmPerMs: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> LatencyEstimator.greatCircle(200, 0.5).bind(List.of()))
                .hasMessageContaining("pathInflation: 0.5 (expected: >= 1)");
    }
}
