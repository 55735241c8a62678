package io.meridian.director.core;

import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OperatorOverride;
import io.meridian.routing.AdminView;

/** The operator state as the routing table's administrative layer. */
final class OperatorLayer {
    private OperatorLayer() {
    }

    /**
     * Enabled as the endpoint's override says while one is in force, else as configured.
     *
     * <pre>
     * | config enabled | endpoint override        | enabled |
     * |----------------|--------------------------|---------|
     * | any            | none, or removed         | config  |
     * | any            | enabled: false           | false   |
     * | any            | enabled: true            | true    |
     * </pre>
     */
    static AdminView of(OperatorState state) {
        return (id, configured) -> state.endpoint(id).filter(o -> !o.removed()).map(OperatorOverride::enabled).orElse(configured);
    }
}
