package io.meridian.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Geographic codes of the geographic routing method, as Traffic Manager spells them:
 * <ul>
 * <li>{@code WORLD}, and the groups {@code GEO-AF GEO-AN GEO-AS GEO-AP GEO-EU GEO-ME GEO-NA GEO-SA};</li>
 * <li>ISO 3166-1 alpha-2 countries ({@code US}), plus {@code XK} (Kosovo), which GeoIP databases use;</li>
 * <li>subdivisions {@code CC-XXX}: a valid country, a dash, 1..3 letters or digits ({@code US-WA}).</li>
 * </ul>
 * Codes are matched case-insensitively and stored upper case.
 */
final class GeoCodes {
    static final List<String> GROUPS =
            List.of("WORLD", "GEO-AF", "GEO-AN", "GEO-AS", "GEO-AP", "GEO-EU", "GEO-ME", "GEO-NA", "GEO-SA");
    static final Set<String> COUNTRIES = countries();
    static final String EXPECTED = "an ISO 3166-1 country (US), a subdivision (US-WA), GEO-xx or WORLD";

    private GeoCodes() {
    }

    static String parse(String text) throws BadValue {
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (GROUPS.contains(code) || COUNTRIES.contains(code)) {
            return code;
        }
        if (code.startsWith("GEO-")) {
            String hint = code.equals("GEO-OC") ? "; Oceania is GEO-AP, Australia/Pacific"
                    : Suggestions.closest(code.substring(4), GROUPS.stream().map(g -> g.replace("GEO-", "")).toList())
                            .map(g -> "; did you mean " + (g.equals("WORLD") ? g : "GEO-" + g) + "?").orElse("");
            throw BadValue.expected(text, "one of " + String.join(", ", GROUPS) + hint);
        }
        if (code.equals("UK")) {
            throw BadValue.expected(text, EXPECTED + "; the ISO code of the United Kingdom is GB");
        }
        int dash = code.indexOf('-');
        if (dash == 2 && code.substring(3).matches("[A-Z0-9]{1,3}")) {
            if (!COUNTRIES.contains(code.substring(0, 2))) {
                throw BadValue.expected(text, "a subdivision of a known country; " + code.substring(0, 2)
                        + " is not an ISO 3166-1 country");
            }
            return code;
        }
        throw BadValue.expected(text, EXPECTED);
    }

    private static Set<String> countries() {
        Set<String> all = new TreeSet<>(Set.of(Locale.getISOCountries()));
        all.add("XK");
        return Set.copyOf(all);
    }
}
