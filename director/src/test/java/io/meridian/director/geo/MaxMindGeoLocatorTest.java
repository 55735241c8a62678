package io.meridian.director.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meridian.routing.GeoLocation;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lookups against MaxMind's public test databases (addresses from GeoLite2-City-Test.source.json). */
class MaxMindGeoLocatorTest {
    private static final Path GEOIP = Path.of("../../shared/geoip");
    private static MaxMindGeoLocator city;

    @BeforeAll
    static void open() throws IOException {
        city = MaxMindGeoLocator.open(GEOIP.resolve("GeoLite2-City-Test.mmdb"));
    }

    @AfterAll
    static void close() throws IOException {
        city.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2} {3} /{4}")
    @CsvSource(nullValues = "-", textBlock = """
            # address,     continent, country, subdivision, prefix, lat,   lon
            81.2.69.142,    EU, GB, GB-ENG, 31, 51.5142, -0.0931
            89.160.20.112,  EU, SE, SE-E,   28, 58.4167, 15.6167
            216.160.83.56,  NA, US, US-WA,  29, 47.2513, -122.3149
            175.16.199.0,   AS, CN, CN-22,  24, 43.88,   125.3228
            2001:218::,     AS, JP, -,      32, 35.68536, 139.75309
            """)
    void locatesTestAddresses(String address, String continent, String country, String subdivision, int prefix,
                              double lat, double lon) throws IOException {
        GeoLocation location = city.locate(InetAddress.getByName(address)).orElseThrow();

        assertThat(location.continent()).isEqualTo(continent);
        assertThat(location.country()).isEqualTo(country);
        assertThat(location.subdivision()).isEqualTo(subdivision);
        assertThat(location.networkPrefix()).isEqualTo(prefix);
        assertThat(location.point().lat()).isCloseTo(lat, within(0.01));
        assertThat(location.point().lon()).isCloseTo(lon, within(0.01));
    }

    @Test
    void unknownAddressIsEmpty() throws IOException {
        assertThat(city.locate(InetAddress.getByName("192.0.2.1"))).isEmpty();
        assertThat(city.locate(InetAddress.getByName("2001:db8::1"))).isEmpty();
    }

    @Test
    void anUnknownAddressGetsThePrefixOfTheDatabasesEmptyNetwork() throws IOException {
        // the test database's tree stops at 192.0.2.0/24 (a reserved network, without data)
        assertThat(city.unlocatedPrefix(InetAddress.getByName("192.0.2.1"), 32)).isEqualTo(24);
        assertThat(city.unlocatedPrefix(InetAddress.getByName("192.0.2.200"), 32)).isEqualTo(24);
        assertThat(city.unlocatedPrefix(InetAddress.getByName("192.0.2.0"), 3))
                .as("the empty network's prefix, also when longer than the source (RFC 7871 7.2.1)").isEqualTo(24);
        assertThat(city.unlocatedPrefix(InetAddress.getByName("2001:db8::1"), 128)).isEqualTo(32); // 2001:db8::/32
    }

    @Test
    void countryDatabaseGivesCountryAndContinentOnly() throws IOException {
        try (MaxMindGeoLocator country = MaxMindGeoLocator.open(GEOIP.resolve("GeoLite2-Country-Test.mmdb"))) {
            GeoLocation location = country.locate(InetAddress.getByName("81.2.69.142")).orElseThrow();

            assertThat(country.databaseType()).contains("Country");
            assertThat(location.country()).isEqualTo("GB");
            assertThat(location.continent()).isEqualTo("EU");
            assertThat(location.subdivision()).isNull();
            assertThat(location.point()).isNull();
            assertThat(location.networkPrefix()).isBetween(1, 32);
        }
    }

    @Test
    void notADatabaseFailsToOpen(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.mmdb"), "not a maxmind database");

        assertThatThrownBy(() -> MaxMindGeoLocator.open(junk)).isInstanceOf(IOException.class);
    }
}
