package io.meridian.config;

import java.util.Locale;

/** Parsers for plain scalars: bounded integers, booleans and enum-like words. */
final class Scalars {
    private Scalars() {
    }

    static ValueParser<Integer> intBetween(int min, int max) {
        return text -> {
            String t = text.strip();
            if (!t.matches("[+-]?\\d{1,10}")) {
                throw BadValue.expected(text, "an integer " + min + ".." + max);
            }
            long v = Long.parseLong(t);
            if (v < min || v > max) {
                throw BadValue.expected(text, min + ".." + max);
            }
            return (int) v;
        };
    }

    static Boolean bool(String text) throws BadValue {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw BadValue.expected(text, "true or false");
        };
    }

    /** One of an enum's constants, case-insensitively; the message spells them as documented. */
    static <E extends Enum<E>> ValueParser<E> oneOf(E[] values, boolean upperCase) {
        return text -> {
            for (E e : values) {
                if (e.name().equalsIgnoreCase(text.strip())) {
                    return e;
                }
            }
            StringBuilder names = new StringBuilder();
            for (E e : values) {
                names.append(names.length() == 0 ? "" : " | ")
                        .append(upperCase ? e.name() : e.name().toLowerCase(Locale.ROOT));
            }
            throw BadValue.expected(text, names.toString());
        };
    }

    /** A non-empty string without control characters. */
    static String text(String text) throws BadValue {
        if (text.isEmpty()) {
            throw BadValue.expected(text, "a non-empty string");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw BadValue.expected(text, "no control characters");
        }
        return text;
    }
}
