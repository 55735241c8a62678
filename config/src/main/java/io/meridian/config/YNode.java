package io.meridian.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML node with its key path. Every accessor reports what is wrong (wrong kind of node, bad
 * value, unset variable) to the shared {@link Problems} at this node's position, and returns
 * empty, so a reader can go on and find every problem of the file in one pass.
 */
final class YNode {
    private final Node node;
    private final Loc loc;
    private final Reading reading;

    YNode(Node node, String path, Reading reading) {
        this.node = node;
        this.reading = reading;
        this.loc = node.getStartMark()
                .map(m -> new Loc(reading.file(), m.getLine() + 1, m.getColumn() + 1, path))
                .orElse(new Loc(reading.file(), 0, 0, path));
    }

    Loc loc() {
        return loc;
    }

    Reading reading() {
        return reading;
    }

    /** A plain {@code ~}, {@code null} or empty value: treated as if the key were absent. */
    boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    void problem(String message) {
        reading.problems().add(loc, message);
    }

    /** A mapping with only the given keys; unknown and duplicate keys are reported and skipped. */
    Optional<YMap> map(String... keys) {
        return entries(new LinkedHashSet<>(List.of(keys)), "a mapping of " + String.join(", ", keys));
    }

    /** A mapping with free-form keys (such as HTTP headers); duplicate keys are still reported. */
    Optional<YMap> freeMap(String expected) {
        return entries(null, expected);
    }

    private Optional<YMap> entries(Set<String> known, String expected) {
        if (!(node instanceof MappingNode mapping)) {
            problem(describe() + " (expected: " + expected + ")");
            return Optional.empty();
        }
        Map<String, YNode> entries = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            YNode key = new YNode(t.getKeyNode(), loc.path(), reading);
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                key.problem("a " + kind(t.getKeyNode()) + " as a key (expected: a plain key)");
                continue;
            }
            String name = k.getValue();
            Loc keyLoc = new Loc(reading.file(), key.loc.line(), key.loc.column(),
                    loc.path().isEmpty() ? name : loc.path() + "." + name);
            if (known != null && !known.contains(name)) {
                String hint = name.equals("<<")
                        ? "YAML merge keys are not supported; alias the whole mapping or repeat the keys"
                        : Suggestions.closest(name, known).map(c -> "did you mean " + c + "?")
                                .orElse("expected: one of " + String.join(", ", known));
                reading.problems().add(keyLoc, "unknown key (" + hint + ")");
            } else if (entries.containsKey(name)) {
                reading.problems().add(keyLoc, "duplicate key (first set at line " + entries.get(name).loc.line() + ")");
            } else {
                entries.put(name, new YNode(t.getValueNode(), keyLoc.path(), reading));
            }
        }
        return Optional.of(new YMap(this, entries));
    }

    /** Whether this is a mapping (asking does not report anything). */
    boolean isMap() {
        return node instanceof MappingNode;
    }

    /** Whether this is a sequence (asking does not report anything). */
    boolean isList() {
        return node instanceof SequenceNode;
    }

    /** The items of a sequence, each with its {@code [i]} path. A single scalar is not a list. */
    Optional<List<YNode>> list() {
        if (!(node instanceof SequenceNode seq)) {
            problem(describe() + " (expected: a list)");
            return Optional.empty();
        }
        List<YNode> items = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            items.add(new YNode(seq.getValue().get(i), loc.path() + "[" + i + "]", reading));
        }
        return Optional.of(items);
    }

    /** The scalar's text after {@code ${ENV}} substitution. */
    Optional<String> text() {
        if (!(node instanceof ScalarNode scalar)) {
            problem("a " + kind(node) + " (expected: a single value)");
            return Optional.empty();
        }
        try {
            return Optional.of(reading.env().apply(scalar.getValue()));
        } catch (BadValue e) {
            problem(e.getMessage());
            return Optional.empty();
        }
    }

    /** The scalar parsed; null (and a reported problem) when it is not valid. */
    <T> Sourced<T> parse(ValueParser<T> parser) {
        Optional<String> text = text();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new Sourced<>(parser.parse(text.get()), loc);
        } catch (BadValue e) {
            problem(e.getMessage());
            return null;
        }
    }

    /** Each item of a list parsed; invalid items are reported and left out. */
    <T> List<Sourced<T>> parseEach(ValueParser<T> parser) {
        List<Sourced<T>> out = new ArrayList<>();
        list().ifPresent(items -> items.forEach(item -> {
            Sourced<T> v = item.parse(parser);
            if (v != null) {
                out.add(v);
            }
        }));
        return out;
    }

    private String describe() {
        if (node instanceof ScalarNode s) {
            return isNull() ? "nothing" : BadValue.show(s.getValue());
        }
        return "a " + kind(node);
    }

    private static String kind(Node n) {
        return n instanceof MappingNode ? "mapping" : n instanceof SequenceNode ? "list" : "value";
    }
}
