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
        throw new UnsupportedOperationException("implemented by the routing-methods issue");
    }

    /** The profile whose domain is {@code fqdn} (lower case, no trailing dot). */
    Optional<ProfileDefinition> profileForDomain(String fqdn);

    Optional<ProfileDefinition> profile(String name);

    List<ProfileDefinition> profiles();

    /** The effective status the table was compiled with (DISABLED for disabled endpoints). */
    HealthStatus statusOf(EndpointId id);

    /** Whether the profile currently fails open (every enabled endpoint degraded). */
    boolean failingOpen(String profile);

    /** Decides the answer for one client. Pure, allocation-light, safe from any thread. */
    Decision decide(String profile, ClientContext client, RandomGenerator random);
}
