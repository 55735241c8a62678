package io.meridian.config;

import java.util.Locale;

/**
 * DNS names as the config writes them: labels of letters, digits, {@code -} and {@code _},
 * 1..63 characters each, at most 253 in all; one trailing dot is allowed. Stored lower case
 * without the trailing dot. A name whose last label is all digits is a mistyped address.
 */
final class DomainNames {
    static final String EXPECTED = "a DNS name such as contoso.tm.example.test";

    private DomainNames() {
    }

    static String parse(String text) throws BadValue {
        String t = text.strip();
        String name = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        if (name.isEmpty() || name.length() > 253) {
            throw BadValue.expected(text, EXPECTED);
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                throw BadValue.expected(text, EXPECTED);
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw BadValue.expected(text, EXPECTED + " (this looks like a malformed IP address)");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** True when {@code name} equals {@code zone} or lies below it. */
    static boolean isWithin(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }
}
