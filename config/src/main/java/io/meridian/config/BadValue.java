package io.meridian.config;

/** Thrown by value parsers; the message is the complete problem text, e.g. {@code 0 (expected: 1..1000)}. */
final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
        super(message, null, false, false);
    }

    static BadValue expected(String text, String expectation) {
        return new BadValue(show(text) + " (expected: " + expectation + ")");
    }

    /** How a raw value is shown in a message: as written, quoted only when it would be unreadable. */
    static String show(String text) {
        if (text.isEmpty() || !text.strip().equals(text) || text.length() > 80) {
            String cut = text.length() > 80 ? text.substring(0, 77) + "..." : text;
            return '"' + cut + '"';
        }
        return text;
    }
}
