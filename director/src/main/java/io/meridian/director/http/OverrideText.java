package io.meridian.director.http;

import io.meridian.director.state.OperatorOverride;

/** An override's who-where-when as explanations print it. */
final class OverrideText {
    private OverrideText() {
    }

    /** {@code " (patching, until 2026-12-02T06:00:00Z; at ... on d1 from 127.0.0.1)"}. */
    static String of(OperatorOverride o) {
        StringBuilder s = new StringBuilder(" (");
        if (o.reason() != null) {
            s.append(o.reason()).append(", ");
        }
        if (o.until() != null) {
            s.append("until ").append(o.until()).append(", ");
        }
        return s.append("at ").append(o.at()).append(" on ").append(o.node()).append(" from ").append(o.source())
                .append(')').toString();
    }
}
