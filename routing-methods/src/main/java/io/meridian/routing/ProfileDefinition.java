package io.meridian.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A profile as the routing methods need it (the director maps the YAML model to this).
 *
 * @param domain     fully qualified name, lower case, without the trailing dot
 * @param maxAnswers multivalue only: the most endpoints one answer holds
 */
public record ProfileDefinition(
        String name,
        String domain,
        MethodKind method,
        Duration ttl,
        int maxAnswers,
        Fallback fallback,
        List<Endpoint> endpoints) {

    public ProfileDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(fallback, "fallback");
        endpoints = List.copyOf(endpoints);
    }
}
