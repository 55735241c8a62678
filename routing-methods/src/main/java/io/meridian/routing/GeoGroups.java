package io.meridian.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * Traffic Manager's regional groupings: which {@code GEO-xx} code a country belongs to.
 * The table is data, mirrored in docs/routing.md; a country in no group matches only
 * its own code and {@code WORLD}.
 */
final class GeoGroups {
    private static final Map<String, String> COUNTRY_TO_GROUP = build(
            "GEO-AF", "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG"
                    + " ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW",
            "GEO-AN", "AQ BV GS HM TF",
            "GEO-AS", "AF AM AZ BD BN BT CC CN CX GE HK ID IN IO JP KG KH KP KR KZ LA LK MM MN MO MV MY NP PH PK"
                    + " SG TH TJ TL TM TW UZ VN",
            "GEO-AP", "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
            "GEO-EU", "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI"
                    + " LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XJ XK",
            "GEO-ME", "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
            "GEO-NA", "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI"
                    + " PA PM PR SV SX TC TT UM US VC VG VI",
            "GEO-SA", "AR BO BR CL CO EC FK GF GY PE PY SR UY VE");

    /** MaxMind continent codes, used when a location has a continent but no country. */
    private static final Map<String, String> CONTINENT_TO_GROUP = Map.of(
            "AF", "GEO-AF", "AN", "GEO-AN", "AS", "GEO-AS", "OC", "GEO-AP",
            "EU", "GEO-EU", "NA", "GEO-NA", "SA", "GEO-SA");

    private GeoGroups() {
    }

    /** The group of a location: by country when known, else by continent; null when neither maps. */
    static String groupOf(String country, String continent) {
        if (country != null) {
            String group = COUNTRY_TO_GROUP.get(country);
            if (group != null) {
                return group;
            }
        }
        return continent == null ? null : CONTINENT_TO_GROUP.get(continent);
    }

    static Map<String, String> countryToGroup() {
        return COUNTRY_TO_GROUP;
    }

    private static Map<String, String> build(String... groupAndCountries) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < groupAndCountries.length; i += 2) {
            for (String country : groupAndCountries[i + 1].split(" ")) {
                String previous = map.put(country, groupAndCountries[i]);
                if (previous != null) {
                    throw new IllegalStateException(country + " is in " + previous + " and " + groupAndCountries[i]);
                }
            }
        }
        return Map.copyOf(map);
    }
}
