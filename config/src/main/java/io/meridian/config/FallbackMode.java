package io.meridian.config;

/** The {@code fallback:} of geographic and subnet profiles; written in lower case in YAML. */
public enum FallbackMode {
    /** Answer as the performance method among the remaining healthy endpoints. */
    NEAREST,
    /** Answer NODATA. */
    NONE
}
