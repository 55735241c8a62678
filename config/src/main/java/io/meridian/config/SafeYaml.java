package io.meridian.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Composes one YAML document into a node tree (every node keeps its position) with limits
 * against hostile input: at most {@value #MAX_CODE_POINTS} code points, {@value #MAX_DEPTH}
 * levels of nesting and {@value #MAX_ALIASES} aliases. SnakeYAML Engine has no nesting limit
 * and composes recursively, so a cheap pass over the parser's events checks depth and aliases
 * before the composer runs.
 */
final class SafeYaml {
    static final int MAX_CODE_POINTS = 1_000_000;
    static final int MAX_DEPTH = 32;
    static final int MAX_ALIASES = 64;

    /** A failure that concerns the document as a whole; line and column are 1-based, 0 when unknown. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        Failure(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        Failure(Optional<Mark> mark, String message) {
            this(mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0), message);
        }
    }

    private SafeYaml() {
    }

    /** The root node, or empty for a document without content (empty or only comments). */
    static Optional<Node> compose(String text, String label) throws Failure {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(true) // duplicates are reported by the reader, with position
                .build();
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new Failure(0, 0, "file too large (expected: at most " + MAX_CODE_POINTS + " characters)");
        }
        try {
            checkShape(settings, text);
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new Failure(e.getProblemMark(), "invalid YAML: " + context + oneLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new Failure(0, 0, "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static void checkShape(LoadSettings settings, String text) throws Failure {
        int depth = 0;
        int aliases = 0;
        int documents = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new Failure(e.getStartMark(), "YAML nested deeper than " + MAX_DEPTH
                                + " levels (expected: a configuration, not a nesting bomb)");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Alias -> {
                    if (++aliases > MAX_ALIASES) {
                        throw new Failure(e.getStartMark(), "more than " + MAX_ALIASES
                                + " YAML aliases (expected: a configuration, not an alias-expansion bomb)");
                    }
                }
                case DocumentStart -> {
                    if (++documents > 1) {
                        throw new Failure(e.getStartMark(), "a second YAML document (expected: one document per file)");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable input" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
