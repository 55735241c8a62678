package io.meridian.director.state;

import java.util.Objects;

/**
 * An operator's change as the API received it.
 *
 * @param enabled the state to set; the config's own value removes the override
 * @param source  the client address, recorded with the override
 */
public record OverrideRequest(boolean enabled, String source) {
    public OverrideRequest {
        Objects.requireNonNull(source, "source");
    }
}
