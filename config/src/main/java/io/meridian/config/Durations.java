package io.meridian.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the config: a whole number and one unit, {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 10s}, {@code 1m}). Negative
 * values, fractions, missing units and values beyond 100 days are rejected.
 */
final class Durations {
    static final String EXPECTED = "a duration such as 500ms, 10s, 1m or 1h";
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");
    private static final Duration MAX = Duration.ofDays(100);

    private Durations() {
    }

    static Duration parse(String text) throws BadValue {
        String t = text.strip();
        if (t.startsWith("-")) {
            throw new BadValue(BadValue.show(text) + " (expected: a positive duration; negative durations are meaningless here)");
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            if (t.matches("\\d+(ms|s|m|h|d)")) {
                throw new BadValue(BadValue.show(text) + " (expected: at most 100d)");
            }
            if (t.matches("\\d+")) {
                throw BadValue.expected(text, EXPECTED + "; a unit is required");
            }
            throw BadValue.expected(text, EXPECTED);
        }
        long amount = Long.parseLong(m.group(1));
        Duration d;
        try {
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            throw new BadValue(BadValue.show(text) + " (expected: at most 100d)");
        }
        if (d.compareTo(MAX) > 0) {
            throw new BadValue(BadValue.show(text) + " (expected: at most 100d)");
        }
        return d;
    }

    /** A parser that also checks {@code min <= d <= max}. */
    static ValueParser<Duration> between(Duration min, Duration max) {
        return text -> {
            Duration d = parse(text);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw BadValue.expected(text, format(min) + ".." + format(max));
            }
            return d;
        };
    }

    /** Like {@link #between} and a whole number of seconds (DNS TTLs). */
    static ValueParser<Duration> wholeSeconds(Duration min, Duration max) {
        ValueParser<Duration> range = between(min, max);
        return text -> {
            Duration d = range.parse(text);
            if (d.toMillis() % 1000 != 0) {
                throw BadValue.expected(text, "whole seconds, DNS TTLs have no fractions");
            }
            return d;
        };
    }

    /** The shortest exact form: {@code 5m}, {@code 1500ms}, {@code 0s}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
