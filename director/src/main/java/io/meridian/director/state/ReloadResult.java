package io.meridian.director.state;

import io.meridian.config.ConfigProblem;
import java.util.List;

/** The outcome of a reload: the config version now served, and the problems that kept the old one, if any. */
public record ReloadResult(boolean success, ConfigVersion version, List<ConfigProblem> problems) {
    public ReloadResult {
        problems = List.copyOf(problems);
    }
}
