package io.meridian.director.state;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;

/**
 * A hybrid logical clock reading: wall-clock milliseconds, a counter for events in the same
 * millisecond, and the director that made it. Totally ordered, so the most recent of two
 * changes is the same on every director (last writer wins, ties by counter, then node name).
 * Written {@code 2026-12-02T06:00:00.123Z#0@westus2}.
 */
public record Stamp(long millis, int counter, String node) implements Comparable<Stamp> {
    /** Before every real stamp: the version of nothing. */
    public static final Stamp ZERO = new Stamp(0, 0, "");

    private static final Comparator<Stamp> ORDER = Comparator.comparingLong(Stamp::millis)
            .thenComparingInt(Stamp::counter).thenComparing(Stamp::node);

    public Stamp {
        Objects.requireNonNull(node, "node");
        if (millis < 0 || counter < 0) {
            throw new IllegalArgumentException("stamp: " + millis + "#" + counter + " (expected: >= 0)");
        }
        if (node.indexOf('@') >= 0) {
            throw new IllegalArgumentException("node: " + node + " (expected: no '@')");
        }
    }

    public static Stamp parse(String text) {
        int hash = text.lastIndexOf('#');
        int at = text.indexOf('@', Math.max(hash, 0));
        if (hash < 0 || at < 0) {
            throw new IllegalArgumentException("stamp: " + text + " (expected: INSTANT#COUNTER@NODE)");
        }
        try {
            return new Stamp(Instant.parse(text.substring(0, hash)).toEpochMilli(),
                    Integer.parseInt(text.substring(hash + 1, at)), text.substring(at + 1));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("stamp: " + text + " (expected: INSTANT#COUNTER@NODE)", e);
        }
    }

    public static Stamp max(Stamp a, Stamp b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    /** Whole seconds since the epoch: what a SOA serial is made of. */
    public long seconds() {
        return millis / 1000;
    }

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return instant() + "#" + counter + "@" + node;
    }
}
