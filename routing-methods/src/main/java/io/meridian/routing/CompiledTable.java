package io.meridian.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The {@link RoutingTable} implementation: every profile compiled once, children before
 * parents, so a nested endpoint's health is its child's healthy count against
 * {@code minChildEndpoints}. Immutable; queries only read.
 */
final class CompiledTable implements RoutingTable {
    private final List<ProfileDefinition> profiles;
    private final Map<String, CompiledProfile> byName;
    private final Map<String, ProfileDefinition> byDomain;
    private final Map<EndpointId, HealthStatus> statuses;
    private final Map<EndpointId, HealthStatus> health;
    private final GeoLocator locator;

    private CompiledTable(List<ProfileDefinition> profiles, Map<String, CompiledProfile> byName,
                          Map<EndpointId, HealthStatus> statuses, Map<EndpointId, HealthStatus> health,
                          GeoLocator locator) {
        this.locator = locator;
        this.profiles = List.copyOf(profiles);
        this.byName = Map.copyOf(byName);
        this.statuses = Map.copyOf(statuses);
        this.health = Map.copyOf(health);
        Map<String, ProfileDefinition> domains = new HashMap<>();
        for (ProfileDefinition p : profiles) {
            ProfileDefinition previous = domains.put(normalize(p.domain()), p);
            if (previous != null) {
                throw new IllegalArgumentException("domain: " + p.domain() + " is used by profiles "
                        + previous.name() + " and " + p.name());
            }
        }
        this.byDomain = Map.copyOf(domains);
    }

    static CompiledTable compile(List<ProfileDefinition> profiles, HealthView health, AdminView admin,
                                 GeoLocator locator, LatencyEstimator estimator, MeasuredLatency measured) {
        Compiler compiler = new Compiler(profiles, health, admin, locator, estimator, measured);
        for (ProfileDefinition p : profiles) {
            compiler.compile(p.name());
        }
        return new CompiledTable(profiles, compiler.done, compiler.statuses, compiler.underlying, locator);
    }

    @Override
    public Optional<ProfileDefinition> profileForDomain(String fqdn) {
        return Optional.ofNullable(byDomain.get(normalize(fqdn)));
    }

    @Override
    public Optional<ProfileDefinition> profile(String name) {
        CompiledProfile p = byName.get(name);
        return p == null ? Optional.empty() : Optional.of(p.definition());
    }

    @Override
    public List<ProfileDefinition> profiles() {
        return profiles;
    }

    @Override
    public HealthStatus statusOf(EndpointId id) {
        return statuses.getOrDefault(id, HealthStatus.CHECKING);
    }

    @Override
    public HealthStatus healthOf(EndpointId id) {
        return health.getOrDefault(id, HealthStatus.CHECKING);
    }

    @Override
    public GeoLocator locator() {
        return locator;
    }

    @Override
    public boolean failingOpen(String profile) {
        return compiled(profile).failOpen();
    }

    @Override
    public boolean allDown(String profile) {
        return compiled(profile).allDown();
    }

    @Override
    public Decision decide(String profile, ClientContext client, RandomGenerator random) {
        return compiled(profile).decide(client, random, false);
    }

    @Override
    public Decision explain(String profile, ClientContext client, RandomGenerator random) {
        return compiled(profile).decide(client, random, true);
    }

    private CompiledProfile compiled(String name) {
        CompiledProfile p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("profile: " + name + " (expected: one of " + byName.keySet() + ")");
        }
        return p;
    }

    private static String normalize(String fqdn) {
        String lower = fqdn.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Compiles profiles depth first; a profile on the current path again is a cycle. */
    private static final class Compiler {
        final Map<String, ProfileDefinition> definitions = new LinkedHashMap<>();
        final HealthView health;
        final AdminView admin;
        final GeoLocator locator;
        final LatencyEstimator estimator;
        final MeasuredLatency measured;
        final Map<String, CompiledProfile> done = new HashMap<>();
        final Map<EndpointId, HealthStatus> statuses = new HashMap<>();
        final Map<EndpointId, HealthStatus> underlying = new HashMap<>();
        final Set<String> inProgress = new HashSet<>();
        final List<String> path = new ArrayList<>();

        Compiler(List<ProfileDefinition> profiles, HealthView health, AdminView admin, GeoLocator locator,
                 LatencyEstimator estimator, MeasuredLatency measured) {
            for (ProfileDefinition p : profiles) {
                if (definitions.put(p.name(), p) != null) {
                    throw new IllegalArgumentException("profiles: " + p.name() + " is defined twice");
                }
            }
            this.health = health;
            this.admin = admin;
            this.locator = locator;
            this.estimator = estimator;
            this.measured = measured;
        }

        CompiledProfile compile(String name) {
            CompiledProfile compiled = done.get(name);
            if (compiled != null) {
                return compiled;
            }
            ProfileDefinition definition = definitions.get(name);
            if (definition == null) {
                throw new IllegalArgumentException("profile: " + name + " (expected: a defined profile; nested from "
                        + path + ")");
            }
            if (!inProgress.add(name)) {
                throw new IllegalArgumentException("profile: " + name + " is nested in itself: "
                        + String.join(" -> ", path) + " -> " + name);
            }
            path.add(name);
            List<Endpoint> endpoints = definition.endpoints();
            HealthStatus[] status = new HealthStatus[endpoints.size()];
            CompiledProfile[] children = new CompiledProfile[endpoints.size()];
            for (int i = 0; i < endpoints.size(); i++) {
                Endpoint e = endpoints.get(i);
                if (e.isNested()) {
                    if (e.minChildEndpoints() < 0) {
                        throw new IllegalArgumentException(name + "/" + e.name() + ": minChildEndpoints: "
                                + e.minChildEndpoints() + " (expected: >= 0)");
                    }
                    children[i] = compile(e.childProfile());
                }
                EndpointId id = new EndpointId(name, e.name());
                HealthStatus below = underlyingHealth(id, e, children[i]);
                status[i] = admin.enabled(id, e.enabled()) ? below : HealthStatus.DISABLED;
                statuses.put(id, status[i]);
                underlying.put(id, below);
            }
            compiled = new CompiledProfile(definition, status, children, locator, estimator, measured);
            path.remove(path.size() - 1);
            inProgress.remove(name);
            done.put(name, compiled);
            return compiled;
        }

        /**
         * The health under the administrative layer (which then may disable the endpoint): a
         * nested endpoint is online when its child has enough healthy endpoints, else degraded;
         * alwaysServe is online; else as probed.
         */
        private HealthStatus underlyingHealth(EndpointId id, Endpoint e, CompiledProfile child) {
            if (child != null) {
                return child.healthyCount() >= e.minChildEndpoints() ? HealthStatus.ONLINE : HealthStatus.DEGRADED;
            }
            if (e.alwaysServe()) {
                return HealthStatus.ONLINE;
            }
            HealthStatus probed = health.statusOf(id);
            if (probed == HealthStatus.DISABLED) {
                throw new IllegalArgumentException(id + ": health DISABLED (expected: CHECKING, ONLINE or DEGRADED;"
                        + " disabling is the AdminView's business)");
            }
            return probed;
        }
    }
}
