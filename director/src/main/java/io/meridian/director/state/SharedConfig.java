package io.meridian.director.state;

import java.util.Objects;

/**
 * The configuration as it travels between directors: the source text of the file where it was
 * changed, with its version. Each director substitutes {@code ${VAR}} from its own environment,
 * validates, and takes its node-local keys from its own file (ADR 8).
 *
 * @param origin the director where the change was made
 */
public record SharedConfig(ConfigVersion version, String origin, String text) {
    public SharedConfig {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(text, "text");
    }
}
