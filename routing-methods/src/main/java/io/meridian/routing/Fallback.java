package io.meridian.routing;

/** What geographic and subnet profiles answer when the matching endpoint cannot be used. */
public enum Fallback {
    /** Answer as the performance method among the remaining healthy endpoints. */
    NEAREST,
    /** Answer nothing (NODATA). */
    NONE
}
