package io.meridian.director.metrics;

import io.meridian.dns.DnsMetrics;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.LatencySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * {@link DnsMetrics} on Micrometer, called on every DNS event loop for every query. Counters
 * are found by array index and by cached-hash String keys, so the hot path allocates nothing
 * once a (profile, qtype, rcode) combination has been seen.
 */
public final class DnsQueryMetrics implements DnsMetrics {
    /** Types with their own label; every other type counts as "OTHER" so labels stay bounded. */
    private static final int[] TYPES = {Type.A, Type.AAAA, Type.CNAME, Type.SOA, Type.NS, Type.ANY, Type.TXT,
        Type.MX, Type.SRV, Type.PTR, Type.HTTPS, Type.SVCB, Type.CAA, Type.DS, Type.DNSKEY};
    private static final int OTHER_TYPE = TYPES.length;
    private static final int RCODES = 24;
    private static final String NO_PROFILE = "none";

    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter dropped;
    private final Map<String, AtomicReferenceArray<Counter>> queries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> answers = new ConcurrentHashMap<>();
    /** By {@link LatencySource} ordinal: what ranked each latency-based decision. */
    private final Counter[] bySource;

    public DnsQueryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("meridian.dns.request.duration")
                .description("Time from reading a DNS query to its encoded response")
                .serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000),
                        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
                        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100))
                .register(registry);
        this.dropped = Counter.builder("meridian.dns.dropped")
                .description("Datagrams and TCP frames dropped without a response").register(registry);
        LatencySource[] sources = LatencySource.values();
        this.bySource = new Counter[sources.length];
        for (LatencySource source : sources) {
            bySource[source.ordinal()] = Counter.builder("meridian.routing.latency.decisions")
                    .description("Performance and nearest decisions by what ranked the endpoints: the client's network,"
                            + " its subdivision or country (measured), or the model")
                    .tags("source", source.label()).register(registry);
        }
    }

    @Override
    public void answered(int qtype, int rcode, Decision decision, long durationNanos) {
        duration.record(durationNanos, TimeUnit.NANOSECONDS);
        String profile = decision == null ? NO_PROFILE : decision.profile();
        AtomicReferenceArray<Counter> counters = queries.computeIfAbsent(profile,
                p -> new AtomicReferenceArray<>((OTHER_TYPE + 1) * RCODES));
        int typeIndex = typeIndex(qtype);
        int rcodeIndex = rcode >= 0 && rcode < RCODES ? rcode : RCODES - 1;
        int slot = typeIndex * RCODES + rcodeIndex;
        Counter counter = counters.get(slot);
        if (counter == null) {
            counter = Counter.builder("meridian.dns.queries")
                    .description("DNS queries answered, by question type, rcode and profile")
                    .tags("qtype", typeIndex == OTHER_TYPE ? "OTHER" : Type.string(qtype),
                            "rcode", Rcode.string(rcodeIndex), "profile", profile)
                    .register(registry);
            counters.set(slot, counter);
        }
        counter.increment();
        answers(decision);
    }

    /**
     * Counts each endpoint a decision gave out (DNS answers and HTTP redirects alike), labelled
     * with the profile that was asked; for a nested profile the endpoint is the child's leaf.
     */
    public void answers(Decision decision) {
        if (decision != null) {
            countAnswers(decision.profile(), decision.answers());
            if (decision.latency() != null) {
                bySource[decision.latency().ordinal()].increment();
            }
        }
    }

    @Override
    public void dropped() {
        dropped.increment();
    }

    private void countAnswers(String profile, List<Endpoint> endpoints) {
        Map<String, Counter> byEndpoint = answers.computeIfAbsent(profile, p -> new ConcurrentHashMap<>());
        for (int i = 0; i < endpoints.size(); i++) {
            String name = endpoints.get(i).name();
            Counter counter = byEndpoint.get(name);
            if (counter == null) {
                counter = byEndpoint.computeIfAbsent(name, n -> Counter.builder("meridian.routing.answers")
                        .description("Times each endpoint was given out in an answer")
                        .tags("profile", profile, "endpoint", n).register(registry));
            }
            counter.increment();
        }
    }

    private static int typeIndex(int qtype) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == qtype) {
                return i;
            }
        }
        return OTHER_TYPE;
    }
}
