package io.meridian.config;

import java.util.List;
import java.util.Optional;

/**
 * What loading a configuration gives: either a valid {@link MeridianConfig} and no problems,
 * or no config and at least one problem (in file order).
 */
public record ConfigResult(Optional<MeridianConfig> config, List<ConfigProblem> problems) {
    public ConfigResult {
        problems = List.copyOf(problems);
        if (config.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a result holds either a config or problems, not both or neither");
        }
    }

    static ConfigResult valid(MeridianConfig config) {
        return new ConfigResult(Optional.of(config), List.of());
    }

    static ConfigResult invalid(List<ConfigProblem> problems) {
        return new ConfigResult(Optional.empty(), problems);
    }

    public boolean isValid() {
        return config.isPresent();
    }

    /** The config; throws {@link IllegalStateException} listing the problems when invalid. */
    public MeridianConfig orElseThrow() {
        return config.orElseThrow(() -> new IllegalStateException(
                "invalid configuration:\n" + String.join("\n", problems.stream().map(ConfigProblem::toString).toList())));
    }
}
