package io.meridian.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The entries of a YAML mapping whose keys were checked against the known ones. */
final class YMap {
    private final YNode self;
    private final Map<String, YNode> entries;

    YMap(YNode self, Map<String, YNode> entries) {
        this.self = self;
        this.entries = entries;
    }

    Map<String, YNode> entries() {
        return entries;
    }

    YNode self() {
        return self;
    }

    /** The value of a key; empty when absent or written as null. */
    Optional<YNode> get(String key) {
        return Optional.ofNullable(entries.get(key)).filter(n -> !n.isNull());
    }

    boolean has(String key) {
        return get(key).isPresent();
    }

    /** Where a missing key is reported: at the mapping, with the key's path. */
    Loc missingLoc(String key) {
        return self.loc().child(key);
    }

    /** The value of a required key; reports {@code missing (expected: ...)} at the mapping when absent. */
    Optional<YNode> require(String key, String expected) {
        Optional<YNode> n = get(key);
        if (n.isEmpty()) {
            self.reading().problems().add(missingLoc(key), "missing (expected: " + expected + ")");
        }
        return n;
    }

    <T> Sourced<T> parse(String key, ValueParser<T> parser) {
        return get(key).map(n -> n.parse(parser)).orElse(null);
    }

    <T> Sourced<T> parseRequired(String key, String expected, ValueParser<T> parser) {
        return require(key, expected).map(n -> n.parse(parser)).orElse(null);
    }

    <T> List<Sourced<T>> parseEach(String key, ValueParser<T> parser) {
        return get(key).map(n -> n.parseEach(parser)).orElse(List.of());
    }

    <T> Optional<T> read(String key, Function<YNode, Optional<T>> reader) {
        return get(key).flatMap(reader);
    }
}
