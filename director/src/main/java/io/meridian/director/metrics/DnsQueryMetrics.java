package io.meridian.director.metrics;

import io.meridian.dns.DnsMetrics;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.LatencySource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * {@link DnsMetrics} on Micrometer, called on every DNS thread for every query. The query path
 * only increments {@link LongAdder}s, found through one map lookup per query (the profile);
 * Micrometer reads them at scrape time ({@link FunctionCounter}, and {@link DnsDurationHistogram}
 * for the duration), so the hot path allocates nothing once a (profile, qtype, rcode) and an
 * endpoint have been seen.
 */
public final class DnsQueryMetrics implements DnsMetrics {
    /** Types with their own label; every other type counts as "OTHER" so labels stay bounded. */
    private static final int[] TYPES = {Type.A, Type.AAAA, Type.CNAME, Type.SOA, Type.NS, Type.ANY, Type.TXT,
        Type.MX, Type.SRV, Type.PTR, Type.HTTPS, Type.SVCB, Type.CAA, Type.DS, Type.DNSKEY};
    private static final int OTHER_TYPE = TYPES.length;
    private static final int RCODES = 24;
    private static final String NO_PROFILE = "none";

    private final PrometheusMeterRegistry registry;
    private final DnsDurationHistogram duration = new DnsDurationHistogram();
    private final LongAdder dropped = new LongAdder();
    private final Map<String, ProfileCounts> profiles = new ConcurrentHashMap<>();
    private final LongAdder rateDropped = new LongAdder();
    private final LongAdder rateSlipped = new LongAdder();
    /** By {@link LatencySource} ordinal: what ranked each latency-based decision. */
    private final LongAdder[] bySource = new LongAdder[LatencySource.values().length];

    public DnsQueryMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        registry.getPrometheusRegistry().register(duration);
        FunctionCounter.builder("meridian.dns.dropped", dropped, LongAdder::doubleValue)
                .description("Datagrams and TCP frames dropped without a response").register(registry);
        rateLimited(registry, "drop", rateDropped);
        rateLimited(registry, "slip", rateSlipped);
        for (LatencySource source : LatencySource.values()) {
            LongAdder count = new LongAdder();
            bySource[source.ordinal()] = count;
            FunctionCounter.builder("meridian.routing.latency.decisions", count, LongAdder::doubleValue)
                    .description("Performance and nearest decisions by what ranked the endpoints: the client's network,"
                            + " its subdivision or country (measured), or the model")
                    .tags("source", source.label()).register(registry);
        }
    }

    private static void rateLimited(MeterRegistry registry, String action, LongAdder count) {
        FunctionCounter.builder("meridian.dns.rate.limited", count, LongAdder::doubleValue)
                .description("UDP responses held back by response rate limiting: dropped, or sent truncated (slip)")
                .tag("action", action).register(registry);
    }

    @Override
    public void rateLimited(boolean slipped) {
        (slipped ? rateSlipped : rateDropped).increment();
    }

    @Override
    public void answered(int qtype, int rcode, Decision decision, long durationNanos) {
        duration.record(durationNanos);
        ProfileCounts counts = counts(decision == null ? NO_PROFILE : decision.profile());
        counts.query(typeIndex(qtype), rcode >= 0 && rcode < RCODES ? rcode : RCODES - 1).increment();
        if (decision != null) {
            counts.answered(decision.answers());
            countSource(decision);
        }
    }

    /**
     * Counts each endpoint a decision gave out (DNS answers and HTTP redirects alike), labelled
     * with the profile that was asked; for a nested profile the endpoint is the child's leaf.
     */
    public void answers(Decision decision) {
        if (decision != null) {
            counts(decision.profile()).answered(decision.answers());
            countSource(decision);
        }
    }

    private void countSource(Decision decision) {
        if (decision.latency() != null) {
            bySource[decision.latency().ordinal()].increment();
        }
    }

    @Override
    public void dropped() {
        dropped.increment();
    }

    private ProfileCounts counts(String profile) {
        ProfileCounts c = profiles.get(profile);
        return c != null ? c : profiles.computeIfAbsent(profile, ProfileCounts::new);
    }

    private static int typeIndex(int qtype) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == qtype) {
                return i;
            }
        }
        return OTHER_TYPE;
    }

    /** One profile's adders: queries by (qtype, rcode), answers by endpoint; registered when first used. */
    private final class ProfileCounts {
        private final String profile;
        private final AtomicReferenceArray<LongAdder> queries = new AtomicReferenceArray<>((OTHER_TYPE + 1) * RCODES);
        private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

        ProfileCounts(String profile) {
            this.profile = profile;
        }

        LongAdder query(int typeIndex, int rcode) {
            int slot = typeIndex * RCODES + rcode;
            LongAdder adder = queries.get(slot);
            if (adder == null) {
                LongAdder fresh = new LongAdder();
                if (queries.compareAndSet(slot, null, fresh)) {
                    FunctionCounter.builder("meridian.dns.queries", fresh, LongAdder::doubleValue)
                            .description("DNS queries answered, by question type, rcode and profile")
                            .tags("qtype", typeIndex == OTHER_TYPE ? "OTHER" : Type.string(TYPES[typeIndex]),
                                    "rcode", Rcode.string(rcode), "profile", profile)
                            .register(registry);
                }
                adder = queries.get(slot);
            }
            return adder;
        }

        void answered(List<Endpoint> endpoints) {
            for (int i = 0; i < endpoints.size(); i++) {
                String name = endpoints.get(i).name();
                LongAdder adder = answers.get(name);
                if (adder == null) {
                    adder = answers.computeIfAbsent(name, n -> {
                        LongAdder fresh = new LongAdder();
                        FunctionCounter.builder("meridian.routing.answers", fresh, LongAdder::doubleValue)
                                .description("Times each endpoint was given out in an answer")
                                .tags("profile", profile, "endpoint", n).register(registry);
                        return fresh;
                    });
                }
                adder.increment();
            }
        }
    }
}
