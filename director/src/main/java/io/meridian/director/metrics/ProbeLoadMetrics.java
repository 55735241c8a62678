package io.meridian.director.metrics;

import io.meridian.probes.ProbeLoad;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * How hard the probes work (docs/probing.md, "Overload"): the schedule-lag histogram, recorded for every
 * probe, and gauges read from the monitor's {@link ProbeLoad} at each scrape. One series each, not per
 * endpoint: 10,000 endpoints times the buckets would swamp a scrape.
 */
public final class ProbeLoadMetrics {
    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Timer lag;
    private volatile Supplier<ProbeLoad> load = () -> null;

    ProbeLoadMetrics(MeterRegistry registry) {
        lag = Timer.builder("meridian.probe.schedule.lag")
                .description("How late each probe started compared to when it was due (bulkhead deferrals and a busy"
                        + " event loop both show here)")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        gauge(registry, "meridian.probe.overload", "1 while the probes cannot keep their schedule and stretch it",
                l -> l.overloaded() ? 1 : 0);
        gauge(registry, "meridian.probe.schedule.stretch",
                "Factor applied to every probe interval and retry interval (1 = as configured)", ProbeLoad::stretch);
        Gauge.builder("meridian.probe.loop.delay", this, m -> m.read(l -> l.loopDelay().toNanos() / 1e9))
                .description("The longest the probes' event loop ran late in the last second").baseUnit("seconds")
                .register(registry);
        gauge(registry, "meridian.probe.demand", "Probes per second the config asks for (one per interval, no retries)",
                ProbeLoad::demandPerSecond);
        gauge(registry, "meridian.probe.capacity", "Probes per second this director sustains as configured",
                ProbeLoad::capacityPerSecond);
        FunctionCounter.builder("meridian.probe.excused.timeouts", this, m -> m.read(l -> l.excusedTimeouts()))
                .description("Timeouts not held against a gateway because the director's own event loop ran late")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ProbeLoad> value) {
        Gauge.builder(name, this, m -> m.read(value)).description(description).register(registry);
    }

    private double read(ToDoubleFunction<ProbeLoad> value) {
        ProbeLoad current = load.get();
        return current == null ? 0 : value.applyAsDouble(current);
    }

    /** Where the gauges read from; the monitor is created after the metrics. */
    public void bind(Supplier<ProbeLoad> load) {
        this.load = load;
    }

    /** Called for every probe, on the monitor's event loop. */
    public void lag(Duration scheduleLag) {
        lag.record(scheduleLag);
    }
}
