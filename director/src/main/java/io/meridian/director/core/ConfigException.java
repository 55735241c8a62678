package io.meridian.director.core;

import io.meridian.config.ConfigProblem;
import java.util.List;

/** A config that cannot be served; each problem is one {@code FILE:LINE:COLUMN: field: message} line. */
public final class ConfigException extends Exception {
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(String.join("\n", problems.stream().map(ConfigProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
