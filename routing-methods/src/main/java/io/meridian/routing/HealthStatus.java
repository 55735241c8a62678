package io.meridian.routing;

import java.util.Locale;

/** Health of one endpoint as the routing methods see it (SPEC section 3). */
public enum HealthStatus {
    /** No probe result yet. Routable: a fresh endpoint must not black-hole traffic. */
    CHECKING,
    ONLINE,
    DEGRADED,
    /** Disabled by an operator or by the config. Never routable. */
    DISABLED;

    /** Whether an answer may contain the endpoint when the profile is not failing open. */
    public boolean healthy() {
        return this == CHECKING || this == ONLINE;
    }

    /** Lower-case name as the API and metrics print it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
