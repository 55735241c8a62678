package io.meridian.config;

/** A parsed value together with the node it came from, so later rules can point at it. */
record Sourced<T>(T value, Loc loc) {

    /** Depth of the key path: a per-endpoint override is deeper than the profile value it replaces. */
    int depth() {
        return loc.path().split("[.\\[]").length;
    }
}
