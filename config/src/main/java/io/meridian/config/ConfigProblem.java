package io.meridian.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file, pointing at the offending YAML node.
 *
 * @param file    the file name as given to the loader
 * @param line    1-based line of the node, or 0 when the problem concerns the whole file
 * @param column  1-based column of the node, or 0 when the problem concerns the whole file
 * @param path    the key path such as {@code profiles[0].endpoints[2].weight}; empty for file-level problems
 * @param message what is wrong: the value and what was expected
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line:column: " + line + ":" + column + " (expected: >= 0)");
        }
    }

    /**
     * {@code FILE:LINE:COLUMN: path.to.field: message}; the position is left out when it is 0
     * (a file that cannot be read) and the path when it is empty (a YAML syntax error).
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(message).toString();
    }
}
