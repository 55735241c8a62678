package io.meridian.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A profile: one DNS name answered by one routing method over its endpoints.
 *
 * @param domain       fully qualified, lower case, without the trailing dot; inside a zone
 * @param redirectHost the HTTP Host the redirector serves for this profile, if any
 * @param ttl          TTL of the answers (whole seconds)
 * @param maxAnswers   multivalue: the most addresses one answer holds (2 when not set)
 * @param monitor      the profile's monitor; each endpoint carries its own merged copy
 * @param allDown      what the profile answers when every enabled endpoint is degraded
 * @param lastResort   the target answered then with {@code allDown: lastResort}
 */
public record ProfileConfig(
        String name,
        String domain,
        Optional<String> redirectHost,
        RoutingMethod routing,
        Duration ttl,
        int maxAnswers,
        FallbackMode fallback,
        MonitorConfig monitor,
        AllDownPolicy allDown,
        Optional<EndpointTarget> lastResort,
        List<EndpointConfig> endpoints) {

    public ProfileConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(redirectHost, "redirectHost");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(allDown, "allDown");
        Objects.requireNonNull(lastResort, "lastResort");
        endpoints = List.copyOf(endpoints);
    }

    public Optional<EndpointConfig> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
