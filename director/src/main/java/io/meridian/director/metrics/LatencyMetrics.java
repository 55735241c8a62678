package io.meridian.director.metrics;

import io.meridian.director.latency.LatencyService;
import io.meridian.director.latency.Rejection;
import io.meridian.routing.latency.LatencyTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The measured-latency series: samples taken, requests refused by reason, the table's size. */
final class LatencyMetrics implements LatencyService.Counters {
    private final Counter accepted;
    private final Counter clipped;
    private final Counter merged;
    private final Counter[] rejected;

    LatencyMetrics(MeterRegistry registry, LatencyTable table) {
        String samples = "Measurement samples taken in: accepted as sent, clipped toward the estimate, merged from"
                + " other directors";
        accepted = Counter.builder("meridian.latency.samples").tag("result", "accepted").description(samples)
                .register(registry);
        clipped = Counter.builder("meridian.latency.samples").tag("result", "clipped").description(samples)
                .register(registry);
        merged = Counter.builder("meridian.latency.samples").tag("result", "merged").description(samples)
                .register(registry);
        Rejection.Reason[] reasons = Rejection.Reason.values();
        rejected = new Counter[reasons.length];
        for (Rejection.Reason r : reasons) {
            rejected[r.ordinal()] = Counter.builder("meridian.latency.rejected").tag("reason", r.label())
                    .description("Measurement requests refused whole, by reason (the table unchanged)")
                    .register(registry);
        }
        Gauge.builder("meridian.latency.networks", table, LatencyTable::networkCount)
                .description("Client networks (/24, /48) in the latency table").register(registry);
        Gauge.builder("meridian.latency.areas", table, LatencyTable::areaCount)
                .description("Countries and subdivisions in the latency table").register(registry);
        Gauge.builder("meridian.latency.evictions", table, LatencyTable::evictions)
                .description("Networks evicted under latency.maxNetworks since start (least recently updated first)")
                .register(registry);
    }

    @Override
    public void accepted(int accepted, int clipped) {
        this.accepted.increment(accepted);
        this.clipped.increment(clipped);
    }

    @Override
    public void rejected(Rejection.Reason reason) {
        rejected[reason.ordinal()].increment();
    }

    @Override
    public void merged(int samples) {
        merged.increment(samples);
    }
}
