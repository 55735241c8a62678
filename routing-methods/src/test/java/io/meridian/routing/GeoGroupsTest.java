package io.meridian.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoGroupsTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            GB, EU, GEO-EU
            TR, AS, GEO-ME
            CY, EU, GEO-EU
            EG, AF, GEO-AF
            JP, AS, GEO-AS
            AU, OC, GEO-AP
            US, NA, GEO-NA
            MX, NA, GEO-NA
            BR, SA, GEO-SA
            AQ, AN, GEO-AN
            -,  OC, GEO-AP
            -,  EU, GEO-EU
            -,  -,  -
            """)
    void groupsByCountryThenContinent(String country, String continent, String group) {
        assertThat(GeoGroups.groupOf(country, continent)).isEqualTo(group);
    }

    /** docs/routing.md lists every group's countries; it must say what the code does. */
    @Test
    void documentedTableMatchesTheCode() throws IOException {
        String doc = Files.readString(Path.of("../docs/routing.md"));
        Matcher row = Pattern.compile("(?m)^\\| `(GEO-[A-Z]{2})` \\| [^|]+ \\| ([A-Z ]+) \\|$").matcher(doc);
        Map<String, String> documented = new HashMap<>();
        while (row.find()) {
            for (String country : row.group(2).trim().split(" ")) {
                documented.put(country, row.group(1));
            }
        }
        assertThat(documented).isEqualTo(GeoGroups.countryToGroup());
    }
}
