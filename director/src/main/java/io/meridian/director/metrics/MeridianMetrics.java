package io.meridian.director.metrics;

import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.RoutingTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every Prometheus series of SPEC section 6, on one Micrometer registry. Per-endpoint
 * gauges read the current routing table, so they never go stale; {@link #track} keeps
 * their set in line with the config after a reload.
 */
public final class MeridianMetrics {
    /** Probe latency buckets: probes are timed out at seconds, answered in milliseconds. */
    private static final Duration[] PROBE_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<RoutingTable> table;
    private final Map<String, List<Meter>> profileMeters = new HashMap<>();
    private final DnsQueryMetrics dns;
    private final Map<EndpointId, Map<String, Timer>> probeTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MeridianMetrics(Supplier<RoutingTable> table) {
        this.table = table;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        dns = new DnsQueryMetrics(registry);
        for (String result : new String[] {"success", "failure"}) {
            Counter.builder("meridian.config.reloads").tag("result", result)
                    .description("Config reloads by result").register(registry);
        }
    }

    /** The DNS server's metrics hook. */
    public DnsQueryMetrics dns() {
        return dns;
    }

    /** Counts the endpoints a decision gave out ({@code meridian_routing_answers_total}). */
    public void answers(io.meridian.routing.Decision decision) {
        dns.answers(decision);
    }

    /** Releases the GC listeners (the registry itself holds no other resources). */
    public void close() {
        gc.close();
        registry.close();
    }

    /** Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Records one probe; called for every probe (10,000/s at scale), so timers are cached. */
    public void probe(EndpointId id, String outcome, Duration latency) {
        probeTimers.computeIfAbsent(id, k -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Timer.builder("meridian.probe.duration")
                        .description("Probe duration by outcome (success or failure kind)")
                        .tags("profile", id.profile(), "endpoint", id.endpoint(), "outcome", o)
                        .serviceLevelObjectives(PROBE_BUCKETS)
                        .register(registry))
                .record(latency);
    }

    public void transition(EndpointId id, HealthStatus to) {
        Counter.builder("meridian.endpoint.transitions")
                .description("Endpoint health transitions by target status")
                .tags("profile", id.profile(), "endpoint", id.endpoint(), "to", to.label())
                .register(registry)
                .increment();
    }

    public void reload(boolean success) {
        registry.counter("meridian.config.reloads", "result", success ? "success" : "failure").increment();
    }

    /**
     * Registers gauges for the profiles and endpoints of the current config and removes
     * those of profiles that are gone. Call on the owner context after each config change.
     */
    public void track(Map<String, List<String>> endpointsByProfile) {
        Set<String> gone = new HashSet<>(profileMeters.keySet());
        gone.removeAll(endpointsByProfile.keySet());
        for (String profile : gone) {
            profileMeters.remove(profile).forEach(registry::remove);
        }
        endpointsByProfile.forEach((profile, endpoints) -> {
            List<Meter> old = profileMeters.remove(profile);
            if (old != null) {
                old.forEach(registry::remove);
            }
            List<Meter> meters = new java.util.ArrayList<>();
            meters.add(Gauge.builder("meridian.profile.fail.open", table,
                            t -> t.get().profile(profile).isPresent() && t.get().failingOpen(profile) ? 1 : 0) // gone in a reload: 0
                    .description("1 while every enabled endpoint of the profile is degraded")
                    .tags(Tags.of("profile", profile)).register(registry));
            for (String endpoint : endpoints) {
                EndpointId id = new EndpointId(profile, endpoint);
                meters.add(Gauge.builder("meridian.endpoint.up", table,
                                t -> t.get().statusOf(id).healthy() ? 1 : 0)
                        .description("1 when the endpoint is routable (online or still checking)")
                        .tags(Tags.of("profile", profile, "endpoint", endpoint)).register(registry));
                meters.add(Gauge.builder("meridian.endpoint.enabled", table,
                                t -> t.get().statusOf(id) == HealthStatus.DISABLED ? 0 : 1)
                        .description("0 when an operator or the config disabled the endpoint")
                        .tags(Tags.of("profile", profile, "endpoint", endpoint)).register(registry));
            }
            profileMeters.put(profile, meters);
        });
    }
}
