package io.meridian.routing;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Immutable snapshot of every profile compiled against one health view. Built off the
 * query path whenever health or config changes; queries only read it, from any thread.
 */
public interface RoutingTable {

    /**
     * Compiles profiles against health.
     *
     * @param profiles all profiles, nested ones included; validated by the config module
     * @param health   status of every endpoint at this instant
     * @param locator  GeoIP lookup, used only by methods that need a location
     */
    static RoutingTable compile(List<ProfileDefinition> profiles, HealthView health, GeoLocator locator) {
        return compile(profiles, health, AdminView.configured(), locator, LatencyEstimator.greatCircle());
    }

    /**
     * Compiles profiles against health with the operators' layer on top, estimating latency for the
     * performance method and the {@code nearest} fallback with {@code estimator}.
     *
     * @param admin which endpoints are enabled, over the config's {@code enabled}
     * @throws IllegalArgumentException for what the config module should have rejected: an unknown
     *         or cyclic nested profile, a geo code or subnet used twice, a weight or maxAnswers out of range
     */
    static RoutingTable compile(List<ProfileDefinition> profiles, HealthView health, AdminView admin,
                                GeoLocator locator, LatencyEstimator estimator) {
        return compile(profiles, health, admin, locator, estimator, MeasuredLatency.none());
    }

    /**
     * As above, with measured latency deciding before the model where it has figures
     * ({@link MeasuredLatency}, SPEC section 9).
     */
    static RoutingTable compile(List<ProfileDefinition> profiles, HealthView health, AdminView admin,
                                GeoLocator locator, LatencyEstimator estimator, MeasuredLatency measured) {
        return CompiledTable.compile(profiles, health, admin, locator, estimator, measured);
    }

    /** The profile whose domain is {@code fqdn} (lower case, no trailing dot). */
    Optional<ProfileDefinition> profileForDomain(String fqdn);

    Optional<ProfileDefinition> profile(String name);

    List<ProfileDefinition> profiles();

    /** The effective status the table was compiled with (DISABLED for disabled endpoints). */
    HealthStatus statusOf(EndpointId id);

    /**
     * The endpoint's health under the administrative layer: its probed status (ONLINE for
     * alwaysServe, derived from the child for a nested endpoint), also while it is disabled.
     * Never DISABLED; CHECKING for an unknown endpoint.
     */
    HealthStatus healthOf(EndpointId id);

    /** The GeoIP lookup the table decides with (for front ends that locate a client the same way). */
    default GeoLocator locator() {
        return GeoLocator.none();
    }

    /** Whether the profile currently fails open (every enabled endpoint degraded, allDown failOpen). */
    boolean failingOpen(String profile);

    /** Whether every enabled endpoint of the profile is degraded, whatever its allDown policy. */
    default boolean allDown(String profile) {
        return failingOpen(profile);
    }

    /**
     * Decides the answer for one client. Pure, allocation-light, safe from any thread. The
     * decision's explanation is a precomputed summary unless the answer is the same for every
     * client; use {@link #explain} for the full reason.
     *
     * @throws IllegalArgumentException for an unknown profile
     */
    Decision decide(String profile, ClientContext client, RandomGenerator random);

    /**
     * Decides like {@link #decide} (same answer for the same random draws) and explains it in
     * full: method, client location, candidates, skipped endpoints, fail-open. For the resolve
     * API; slower than {@code decide} because it formats text.
     */
    default Decision explain(String profile, ClientContext client, RandomGenerator random) {
        return decide(profile, client, random);
    }
}
