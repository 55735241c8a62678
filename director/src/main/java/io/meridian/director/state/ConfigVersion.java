package io.meridian.director.state;

import java.util.Objects;

/**
 * Which config a director serves: the stamp it got when first applied, and the hash of its
 * text. A file saved again unchanged keeps its version; an edit gets a new one.
 */
public record ConfigVersion(Stamp stamp, String sha256) {
    public ConfigVersion {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(sha256, "sha256");
    }
}
