package io.meridian.config;

/** An inclusive range of HTTP status codes, written {@code 200-299} or {@code 204}. */
public record StatusRange(int from, int to) {
    static final String EXPECTED = "a status code or range within 100..599 such as 200 or 200-299";

    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("status range: " + from + "-" + to + " (expected: 100..599, from <= to)");
        }
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    static StatusRange parse(String text) throws BadValue {
        String t = text.strip();
        if (!t.matches("\\d{3}(-\\d{3})?")) {
            throw BadValue.expected(text, EXPECTED);
        }
        int from = Integer.parseInt(t.substring(0, 3));
        int to = t.length() > 3 ? Integer.parseInt(t.substring(4)) : from;
        if (from < 100 || to > 599) {
            throw BadValue.expected(text, EXPECTED);
        }
        if (from > to) {
            throw BadValue.expected(text, "a range whose start is not above its end, such as " + to + "-" + from);
        }
        return new StatusRange(from, to);
    }
}
