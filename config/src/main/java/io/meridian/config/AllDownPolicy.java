package io.meridian.config;

import java.util.Locale;

/** What a profile answers when every enabled endpoint is degraded (SPEC section 7). */
public enum AllDownPolicy {
    /** As if every enabled endpoint were healthy (Traffic Manager, Route 53). The default. */
    FAIL_OPEN("failOpen"),
    /** Nothing: NODATA over DNS, 503 over HTTP. */
    NO_DATA("noData"),
    /** The profile's {@code lastResort} target. */
    LAST_RESORT("lastResort");

    private final String text;

    AllDownPolicy(String text) {
        this.text = text;
    }

    /** As the config writes it. */
    public String text() {
        return text;
    }

    static AllDownPolicy parse(String text) throws BadValue {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (AllDownPolicy p : values()) {
            if (p.text.toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        throw BadValue.expected(text, "failOpen | noData | lastResort");
    }
}
