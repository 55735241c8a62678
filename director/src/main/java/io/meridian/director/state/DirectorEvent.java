package io.meridian.director.state;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the event log (SPEC section 7): an operator action, a reload, a health
 * transition, a firing or resolved alert, or a change of the cluster's membership.
 *
 * @param node   the director where it happened (for an operator action: where it was made)
 * @param what   what happened, as a sentence fragment ("region westus2 disabled")
 * @param reason why, when known (the operator's reason, a probe's error); null otherwise
 */
public record DirectorEvent(Instant time, String node, Kind kind, String what, String reason) {
    public enum Kind {
        OPERATOR, RELOAD, HEALTH, ALERT, CLUSTER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DirectorEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
    }
}
