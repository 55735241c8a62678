package io.meridian.director.core;

import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.Regions;
import io.meridian.routing.AdminView;
import io.meridian.routing.EndpointId;

/**
 * The operator state as the routing table's administrative layer. The state holds no lapsed
 * override (the controller drops each one at its {@code until}), so whatever is in it is in force.
 */
final class OperatorLayer {
    private OperatorLayer() {
    }

    /**
     * The precedence of SPEC section 7, a region's override first:
     *
     * <pre>
     * | region override | endpoint override   | enabled |
     * |-----------------|---------------------|---------|
     * | disabled        | any                 | false   |
     * | none, removed   | enabled: false      | false   |
     * | none, removed   | enabled: true       | true    |
     * | none, removed   | none, removed       | config  |
     * </pre>
     * An override that lapsed is "none". A region override only disables: enabling a region removes it.
     */
    static AdminView of(OperatorState state, Regions regions) {
        if (state.overrides().isEmpty()) {
            return AdminView.configured();
        }
        return (id, configured) -> {
            if (regionDisabled(state, regions, id)) {
                return false;
            }
            return state.endpoint(id).filter(o -> !o.removed()).map(OperatorOverride::enabled).orElse(configured);
        };
    }

    static boolean regionDisabled(OperatorState state, Regions regions, EndpointId id) {
        String region = regions.of(id);
        return region != null && state.region(region).filter(o -> Boolean.FALSE.equals(o.enabled())).isPresent();
    }
}
