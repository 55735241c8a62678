package io.meridian.director.state;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's change as the API received it.
 *
 * @param enabled the state to set; the config's own value (for a region: true) removes the override
 * @param source  the client address, recorded with the override
 * @param reason  why, as the operator said; null if not given
 * @param until   when it lapses by itself; null for never
 * @param force   apply it even if it leaves a profile with no enabled endpoint
 */
public record OverrideRequest(boolean enabled, String source, String reason, Instant until, boolean force) {
    public OverrideRequest {
        Objects.requireNonNull(source, "source");
    }

    /** A plain change: no reason, no expiry, not forced. */
    public OverrideRequest(boolean enabled, String source) {
        this(enabled, source, null, null, false);
    }
}
