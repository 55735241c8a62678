package io.meridian.director.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One operator decision about one {@link OverrideKey}, with who made it, where and when. An
 * override whose {@code enabled} is null is a removal (the config decides again): it is kept,
 * with its stamp, so the most recent change wins when directors compare their states.
 *
 * @param enabled the state the operator set; null once removed
 * @param at      when the operator made the change
 * @param node    the director that took the change
 * @param source  the address the change came from (the API client)
 * @param reason  why, as the operator said; null if not given
 * @param until   when the override lapses by itself; null for never
 * @param stamp   its version: the larger stamp wins
 */
public record OperatorOverride(Boolean enabled, Instant at, String node, String source, String reason, Instant until,
                       Stamp stamp) {
    public OperatorOverride {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stamp, "stamp");
    }

    /** A removal: the config's value applies again. */
    public boolean removed() {
        return enabled == null;
    }

    /** In force at {@code now}: not removed and not lapsed. */
    public boolean activeAt(Instant now) {
        return enabled != null && (until == null || now.isBefore(until));
    }
}
