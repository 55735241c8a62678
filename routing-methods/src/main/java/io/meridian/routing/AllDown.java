package io.meridian.routing;

/** What a profile answers when every enabled endpoint is degraded (SPEC section 7). */
public enum AllDown {
    /** As if every enabled endpoint were healthy (Traffic Manager, Route 53): the default. */
    FAIL_OPEN,
    /** Nothing (NODATA; 503 for a redirect). */
    NO_DATA,
    /** The profile's last-resort target. */
    LAST_RESORT
}
