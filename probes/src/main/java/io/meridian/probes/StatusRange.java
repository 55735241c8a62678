package io.meridian.probes;

/** An inclusive range of HTTP status codes a probe accepts, such as {@code 200-299}. */
public record StatusRange(int min, int max) {
    public StatusRange {
        if (min < 100 || min > 599) {
            throw new IllegalArgumentException("min: " + min + " (expected: 100..599)");
        }
        if (max < min || max > 599) {
            throw new IllegalArgumentException("max: " + max + " (expected: " + min + "..599)");
        }
    }

    /** Parses {@code "200"} or {@code "200-299"}. */
    public static StatusRange parse(String text) {
        String trimmed = text.strip();
        int dash = trimmed.indexOf('-');
        try {
            if (dash < 0) {
                int code = Integer.parseInt(trimmed);
                return new StatusRange(code, code);
            }
            return new StatusRange(Integer.parseInt(trimmed.substring(0, dash).strip()),
                    Integer.parseInt(trimmed.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status range: \"" + text + "\" (expected: CODE or MIN-MAX)", e);
        }
    }

    public boolean contains(int status) {
        return status >= min && status <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
