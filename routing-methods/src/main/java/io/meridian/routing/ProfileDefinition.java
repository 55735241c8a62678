package io.meridian.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A profile as the routing methods need it (the director maps the YAML model to this).
 *
 * @param domain     fully qualified name, lower case, without the trailing dot
 * @param maxAnswers multivalue only: the most endpoints one answer holds
 * @param allDown    what it answers when every enabled endpoint is degraded
 * @param lastResort the target answered then with {@link AllDown#LAST_RESORT}; null otherwise
 */
public record ProfileDefinition(
        String name,
        String domain,
        MethodKind method,
        Duration ttl,
        int maxAnswers,
        Fallback fallback,
        List<Endpoint> endpoints,
        AllDown allDown,
        Target lastResort) {

    public ProfileDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(fallback, "fallback");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(allDown, "allDown");
        if ((allDown == AllDown.LAST_RESORT) != (lastResort != null)) {
            throw new IllegalArgumentException(name + ": allDown " + allDown + ", lastResort " + lastResort
                    + " (expected: a lastResort target exactly with LAST_RESORT)");
        }
    }

    /** A profile that fails open when all is down. */
    public ProfileDefinition(String name, String domain, MethodKind method, Duration ttl, int maxAnswers,
                             Fallback fallback, List<Endpoint> endpoints) {
        this(name, domain, method, ttl, maxAnswers, fallback, endpoints, AllDown.FAIL_OPEN, null);
    }
}
