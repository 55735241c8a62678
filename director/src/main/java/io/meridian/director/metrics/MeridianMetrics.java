package io.meridian.director.metrics;

import io.meridian.director.latency.LatencyService;
import io.meridian.director.state.ClusterState;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.Decision;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.Quorum;
import io.meridian.routing.RoutingTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Every Prometheus series of SPEC section 6, on one Micrometer registry. Gauges read the
 * controller's snapshot, so they never go stale, and one scrape reads one snapshot: every
 * gauge of a scrape sees the same config, overrides and health. {@link #track} keeps the set
 * of gauges in line with the config after a reload.
 */
public final class MeridianMetrics {
    /** Probe latency buckets: probes are timed out at seconds, answered in milliseconds. */
    private static final Duration[] PROBE_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<Snapshot> snapshots;
    private Snapshot scraping; // the one snapshot a scrape reads; guarded by this
    private final Map<String, List<Meter>> profileGauges = new HashMap<>();
    private final Map<EndpointId, List<Meter>> endpointGauges = new HashMap<>();
    private final DnsQueryMetrics dns;
    private final ProbeLoadMetrics probeLoad;
    private final Map<EndpointId, Map<String, Timer>> probeTimers = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge views;
    private final MultiGauge viewAges;

    public MeridianMetrics(Supplier<Snapshot> snapshots) {
        this.snapshots = snapshots;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        dns = new DnsQueryMetrics(registry);
        probeLoad = new ProbeLoadMetrics(registry);
        for (String result : new String[] {"success", "failure"}) {
            Counter.builder("meridian.config.reloads").tag("result", result)
                    .description("Config reloads by result").register(registry);
        }
        for (String result : new String[] {"matched", "ignored", "unknown"}) {
            Counter.builder("meridian.alertmanager.alerts").tag("result", result)
                    .description("Alerts received from Alertmanager: matched a region or endpoint, had no meridian_*"
                            + " label (ignored), or named a region or endpoint the config does not have (unknown)")
                    .register(registry);
        }
        Gauge.builder("meridian.config.version", this, m -> m.configVersion())
                .description("The config served: its version's stamp, in seconds since the epoch (equal on every director"
                        + " that serves the same config)")
                .register(registry);
        Gauge.builder("meridian.cluster.members", this, m -> m.cluster(c -> c.reachable().size(), 1))
                .description("Directors this one reaches, itself included (1 without a cluster)").register(registry);
        Gauge.builder("meridian.cluster.majority", this, m -> m.cluster(c -> c.majority() ? 1 : 0, 1))
                .description("1 while this director is with a majority of the cluster (1 without a cluster)")
                .register(registry);
        Gauge.builder("meridian.cluster.config.rejected", this, m -> m.cluster(c -> c.rejected() == null ? 0 : 1, 0))
                .description("1 while the newest config from another director could not be applied here")
                .register(registry);
        views = MultiGauge.builder("meridian.endpoint.view.up")
                .description("Each director's own view of each endpoint: 1 online or checking, 0 degraded (fresh views only)")
                .register(registry);
        viewAges = MultiGauge.builder("meridian.cluster.peer.view.age")
                .description("Seconds since each other director's view last arrived").baseUnit("seconds")
                .register(registry);
    }

    private double configVersion() {
        Snapshot s = snapshot();
        return s == null ? 0 : s.configVersion().stamp().millis() / 1000.0;
    }

    private double cluster(ToDoubleFunction<ClusterState> value, double alone) {
        Snapshot s = snapshot();
        return s == null || s.cluster() == null ? alone : value.applyAsDouble(s.cluster());
    }

    /** The per-director rows: registered at each scrape from that scrape's snapshot (directors come and go). */
    private void registerViewRows(Snapshot s) {
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        ClusterState c = s == null ? null : s.cluster();
        if (c != null) {
            s.probes().forEach((id, monitors) -> {
                HealthStatus own = s.localStatus(id);
                Duration horizon = ClusterState.freshFor(monitors.interval());
                for (Quorum.Vote vote : c.votes(id, own)) {
                    if (vote.freshFor(horizon)) {
                        up.add(MultiGauge.Row.of(Tags.of("profile", id.profile(), "endpoint", id.endpoint(), "node",
                                vote.node()), vote.status() == HealthStatus.DEGRADED ? 0 : 1));
                    }
                }
            });
            c.views().values().forEach(v -> ages.add(MultiGauge.Row.of(Tags.of("node", v.node()),
                    Math.max(0, Duration.between(v.receivedAt(), c.now()).toMillis()) / 1000.0)));
        }
        views.register(up, true);
        viewAges.register(ages, true);
    }

    /** The DNS server's metrics hook. */
    public DnsQueryMetrics dns() {
        return dns;
    }

    /** The probes' schedule lag and overload series. */
    public ProbeLoadMetrics probeLoad() {
        return probeLoad;
    }

    /** Counts the endpoints a decision gave out ({@code meridian_routing_answers_total}). */
    public void answers(Decision decision) {
        dns.answers(decision);
    }

    /** Registers the measured-latency series over {@code service}'s table and counts its samples. */
    public void latency(LatencyService service) {
        service.counters(new LatencyMetrics(registry, service.table()));
    }

    /** Releases the GC listeners (the registry itself holds no other resources). */
    public void close() {
        gc.close();
        registry.close();
    }

    /** Prometheus text exposition format, every gauge read from one snapshot. Blocking: call off the event loop. */
    public synchronized String scrape() {
        scraping = snapshots.get();
        registerViewRows(scraping);
        try {
            return registry.scrape();
        } finally {
            scraping = null;
        }
    }

    /** What a gauge reads: the scrape's snapshot, or the current one outside a scrape. */
    private synchronized Snapshot snapshot() {
        return scraping != null ? scraping : snapshots.get();
    }

    /** Records one probe; called for every probe (10,000/s at scale), so timers are cached. */
    public void probe(EndpointId id, String outcome, Duration latency) {
        probeTimers.computeIfAbsent(id, k -> new ConcurrentHashMap<>())
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
     * Keeps the per-profile and per-endpoint gauges in line with the config: registers those of
     * new profiles and endpoints, removes those that are gone, leaves the rest alone (they read
     * the current table, so they need no update). Counters and histograms are history and stay
     * until restart. Call on the director's context after each install.
     */
    public void track(Map<String, List<String>> endpointsByProfile) {
        Set<EndpointId> wanted = new HashSet<>();
        endpointsByProfile.forEach((profile, endpoints) -> endpoints.forEach(e -> wanted.add(new EndpointId(profile, e))));
        endpointGauges.keySet().removeIf(id -> {
            boolean gone = !wanted.contains(id);
            if (gone) {
                endpointGauges.get(id).forEach(registry::remove);
            }
            return gone;
        });
        profileGauges.keySet().removeIf(profile -> {
            boolean gone = !endpointsByProfile.containsKey(profile);
            if (gone) {
                profileGauges.get(profile).forEach(registry::remove);
            }
            return gone;
        });
        endpointsByProfile.keySet().forEach(profile -> profileGauges.computeIfAbsent(profile, p -> List.of(
                Gauge.builder("meridian.profile.fail.open", this, m -> m.profileFlag(p, RoutingTable::failingOpen))
                        .description("1 while the profile fails open: every enabled endpoint degraded, allDown failOpen")
                        .tags(Tags.of("profile", p)).register(registry),
                Gauge.builder("meridian.profile.all.down", this, m -> m.profileFlag(p, RoutingTable::allDown))
                        .description("1 while every enabled endpoint of the profile is degraded, whatever its allDown")
                        .tags(Tags.of("profile", p)).register(registry))));
        wanted.forEach(id -> endpointGauges.computeIfAbsent(id, this::endpointGauges));
    }

    private List<Meter> endpointGauges(EndpointId id) {
        Tags tags = Tags.of("profile", id.profile(), "endpoint", id.endpoint());
        return List.of(
                Gauge.builder("meridian.endpoint.up", this, m -> m.status(id).healthy() ? 1 : 0)
                        .description("1 when the endpoint is routable (online or still checking)")
                        .tags(tags).register(registry),
                Gauge.builder("meridian.endpoint.enabled", this, m -> m.status(id) == HealthStatus.DISABLED ? 0 : 1)
                        .description("0 when an operator or the config disabled the endpoint")
                        .tags(tags).register(registry));
    }

    private HealthStatus status(EndpointId id) {
        Snapshot s = snapshot();
        return s == null ? HealthStatus.CHECKING : s.table().statusOf(id);
    }

    /** 1 while {@code flag} holds for the profile; 0 for one a reload removed (its gauge goes at the next track). */
    private double profileFlag(String profile, BiPredicate<RoutingTable, String> flag) {
        Snapshot s = snapshot();
        return s != null && s.table().profile(profile).isPresent() && flag.test(s.table(), profile) ? 1 : 0;
    }

    /** One Alertmanager notification's alerts: matched, without a meridian label, naming nothing known. */
    public void alerts(int matched, int ignored, int unmatched) {
        registry.counter("meridian.alertmanager.alerts", "result", "matched").increment(matched);
        registry.counter("meridian.alertmanager.alerts", "result", "ignored").increment(ignored);
        registry.counter("meridian.alertmanager.alerts", "result", "unknown").increment(unmatched);
    }
}
