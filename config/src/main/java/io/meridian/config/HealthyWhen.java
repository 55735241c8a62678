package io.meridian.config;

import java.util.Locale;

/**
 * How an endpoint's monitors combine into its health (SPEC section 7): {@code all} (default),
 * {@code any}, or a number N: at least N monitors pass.
 *
 * @param atLeast 0 for all, else how many must pass (1 = any)
 */
public record HealthyWhen(int atLeast) {
    public static final HealthyWhen ALL = new HealthyWhen(0);
    public static final HealthyWhen ANY = new HealthyWhen(1);

    public HealthyWhen {
        if (atLeast < 0) {
            throw new IllegalArgumentException("atLeast: " + atLeast + " (expected: >= 0)");
        }
    }

    /** How many of {@code monitors} must pass. */
    public int required(int monitors) {
        return atLeast == 0 ? monitors : atLeast;
    }

    /** As the config writes it: all, any, or the number. */
    public String text() {
        return atLeast == 0 ? "all" : atLeast == 1 ? "any" : Integer.toString(atLeast);
    }

    static HealthyWhen parse(String text) throws BadValue {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return ALL;
        }
        if (t.equals("any")) {
            return ANY;
        }
        if (t.matches("\\d{1,2}") && Integer.parseInt(t) >= 1) {
            return new HealthyWhen(Integer.parseInt(t));
        }
        throw BadValue.expected(text, "all | any | a number of monitors that must pass, such as 2");
    }
}
