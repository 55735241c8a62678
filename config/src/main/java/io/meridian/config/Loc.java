package io.meridian.config;

/** Where a value sits: file, 1-based line and column of its YAML node, and its key path. */
record Loc(String file, int line, int column, String path) {

    Loc child(String key) {
        return new Loc(file, line, column, path.isEmpty() ? key : path + "." + key);
    }

    ConfigProblem problem(String message) {
        return new ConfigProblem(file, line, column, path, message);
    }
}
