package io.meridian.director.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The DNS request duration as a Prometheus classic histogram, recorded on the query path into
 * one {@link LongAdder} per bucket and read only when scraped. Micrometer's timer did more per
 * query (rotating window buffers, a binary search, a decaying maximum); nothing here decays or
 * rotates, as rates and quantiles come from Prometheus.
 */
final class DnsDurationHistogram implements Collector {

    static final String NAME = "meridian_dns_request_duration_seconds";
    /** Upper bounds in nanoseconds, the last is +Inf; a cached answer lands in the first or second. */
    private static final long[] BOUNDS_NANOS = {10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 5_000_000, 25_000_000, 100_000_000, Long.MAX_VALUE};

    private final LongAdder[] counts = new LongAdder[BOUNDS_NANOS.length];
    private final LongAdder sumNanos = new LongAdder();

    DnsDurationHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        int i = 0;
        while (nanos > BOUNDS_NANOS[i]) {
            i++; // ends at the last bound: nothing exceeds Long.MAX_VALUE
        }
        counts[i].increment();
        sumNanos.add(nanos);
    }

    @Override
    public MetricSnapshot collect() {
        double[] bounds = new double[BOUNDS_NANOS.length];
        long[] n = new long[BOUNDS_NANOS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = BOUNDS_NANOS[i] == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : BOUNDS_NANOS[i] / 1e9;
            n[i] = counts[i].sum();
        }
        return HistogramSnapshot.builder().name(NAME).unit(Unit.SECONDS)
                .help("Time from reading a DNS query to its encoded response")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, n))
                        .sum(sumNanos.sum() / 1e9).build())
                .build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
