package io.meridian.director.core;

import io.meridian.config.ConfigProblem;
import java.util.List;

/** The outcome of a reload: the new generation, or the problems that kept the old config. */
public record ReloadResult(boolean success, long generation, List<ConfigProblem> problems) {
    public ReloadResult {
        problems = List.copyOf(problems);
    }
}
