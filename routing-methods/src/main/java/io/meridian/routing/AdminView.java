package io.meridian.routing;

/**
 * The administrative layer over the config's {@code enabled}: what operators decided. It sits
 * on top of health and never replaces it (gdnsd's forced admin_state): a table compiled with an
 * endpoint disabled here still knows that endpoint's probed health ({@link RoutingTable#healthOf}).
 */
@FunctionalInterface
public interface AdminView {
    /** Whether the endpoint is enabled, given the config's value for it. */
    boolean enabled(EndpointId id, boolean configured);

    /** No operator layer: the config decides. */
    static AdminView configured() {
        return (id, configured) -> configured;
    }
}
