package io.meridian.director.state;

import java.util.List;
import java.util.Objects;

/** A config version another director sent that this one could not apply; it keeps its last good one. */
public record ConfigRejection(Stamp version, String origin, List<String> problems) {
    public ConfigRejection {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
        problems = List.copyOf(problems);
    }
}
