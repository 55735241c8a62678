package io.meridian.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code monitor:} mapping into the values it sets (each with its node), so that an
 * endpoint's overrides can be laid over its profile's before defaults and cross-field rules apply.
 */
final class MonitorReader {
    static final String[] KEYS = {"protocol", "port", "path", "interval", "timeout", "toleratedFailures",
        "retryInterval", "recoverAfter", "expectedStatusCodes", "expectBody", "headers", "tlsVerify"};
    static final int MAX_BODY = 1024;

    /** The values one {@code monitor:} mapping sets, by key. */
    record Draft(Map<String, Sourced<?>> values) {
        static final Draft EMPTY = new Draft(Map.of());

        Draft overriddenBy(Draft more) {
            Map<String, Sourced<?>> merged = new LinkedHashMap<>(values);
            merged.putAll(more.values);
            return new Draft(merged);
        }

        @SuppressWarnings("unchecked")
        <T> Sourced<T> get(String key) {
            return (Sourced<T>) values.get(key);
        }
    }

    private MonitorReader() {
    }

    /**
     * An endpoint's {@code monitor:}: one mapping (overrides of the profile's monitor), or a list
     * of mappings, one monitor each, each inheriting every key of the profile's monitor. Never empty.
     */
    static List<Draft> readEach(Optional<YNode> node) {
        if (node.isPresent() && node.get().isList()) {
            List<Draft> drafts = new ArrayList<>();
            node.get().list().ifPresent(items -> {
                if (items.isEmpty()) {
                    node.get().problem("[] (expected: a monitor, or a list of at least one)");
                }
                items.forEach(item -> drafts.add(read(Optional.of(item))));
            });
            return drafts.isEmpty() ? List.of(Draft.EMPTY) : List.copyOf(drafts);
        }
        return List.of(read(node));
    }

    static Draft read(Optional<YNode> node) {
        if (node.isEmpty()) {
            return Draft.EMPTY;
        }
        Optional<YMap> map = node.get().map(KEYS);
        if (map.isEmpty()) {
            return Draft.EMPTY;
        }
        YMap m = map.get();
        Map<String, Sourced<?>> v = new LinkedHashMap<>();
        put(v, "protocol", m.parse("protocol", Scalars.oneOf(Protocol.values(), true)));
        put(v, "port", m.parse("port", Scalars.intBetween(1, 65535)));
        put(v, "path", m.parse("path", MonitorReader::path));
        put(v, "interval", m.parse("interval", Durations.between(Duration.ofSeconds(1), Duration.ofMinutes(5))));
        put(v, "timeout", m.parse("timeout", Durations.between(Duration.ofMillis(100), Duration.ofMinutes(1))));
        put(v, "toleratedFailures", m.parse("toleratedFailures", Scalars.intBetween(0, 9)));
        put(v, "retryInterval", m.parse("retryInterval",
                Durations.between(Duration.ofMillis(100), Duration.ofMinutes(5))));
        put(v, "recoverAfter", m.parse("recoverAfter", Scalars.intBetween(1, 9)));
        m.get("expectedStatusCodes").ifPresent(n -> {
            List<Sourced<StatusRange>> ranges = n.parseEach(StatusRange::parse);
            n.list().filter(List::isEmpty).ifPresent(e -> n.problem("[] (expected: at least one status code or range)"));
            if (!ranges.isEmpty()) {
                v.put("expectedStatusCodes", new Sourced<>(ranges.stream().map(Sourced::value).toList(), n.loc()));
            }
        });
        put(v, "expectBody", m.parse("expectBody", MonitorReader::body));
        m.get("headers").flatMap(n -> n.freeMap("a mapping of header names to values")).ifPresent(h -> {
            Map<String, String> headers = new LinkedHashMap<>();
            h.entries().forEach((name, value) -> {
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    value.problem(BadValue.show(name) + " (expected: an HTTP header name)");
                }
                Sourced<String> text = value.parse(MonitorReader::headerValue);
                if (text != null) {
                    headers.put(name, text.value());
                }
            });
            v.put("headers", new Sourced<>(Map.copyOf(headers), h.self().loc()));
        });
        put(v, "tlsVerify", m.parse("tlsVerify", Scalars::bool));
        return new Draft(v);
    }

    private static void put(Map<String, Sourced<?>> values, String key, Sourced<?> value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    static String path(String text) throws BadValue {
        if (!text.startsWith("/") || text.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw BadValue.expected(text, "a request path starting with /, without spaces");
        }
        return text;
    }

    static String body(String text) throws BadValue {
        if (text.length() > MAX_BODY) {
            throw BadValue.expected(text, "at most " + MAX_BODY + " characters; probes read bounded bodies");
        }
        return text;
    }

    static String headerValue(String text) throws BadValue {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw BadValue.expected(text, "a header value on one line");
        }
        return text;
    }
}
