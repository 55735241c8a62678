package io.meridian.director.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.Target;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** What the adders and the scrape-time histogram expose, read from the Prometheus text a scrape gives. */
class DnsQueryMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DnsQueryMetrics metrics = new DnsQueryMetrics(registry);

    @Test
    void countsQueriesAnswersAndDurationsIntoTheirBuckets() throws Exception {
        Target address = new Target.Address(InetAddress.getByName("192.0.2.1"), "192.0.2.1");
        Endpoint west = new Endpoint("westus2", address, null, 1, 100, List.of(), List.of(), true,
                false, null, 0);
        Decision decision = new Decision("contoso", List.of(west), 30, 0, false, "priority");
        metrics.answered(Type.A, Rcode.NOERROR, decision, 8_000);      // <= 10 us
        metrics.answered(Type.A, Rcode.NOERROR, decision, 10_000);     // <= 10 us: bounds are inclusive
        metrics.answered(Type.A, Rcode.NOERROR, decision, 30_000);     // <= 50 us
        metrics.answered(65534, Rcode.NXDOMAIN, null, 2_000_000_000L); // only +Inf
        metrics.dropped();
        String text = registry.scrape();
        assertThat(text).contains(
                "meridian_dns_queries_total{profile=\"contoso\",qtype=\"A\",rcode=\"NOERROR\"} 3.0",
                "meridian_dns_queries_total{profile=\"none\",qtype=\"OTHER\",rcode=\"NXDOMAIN\"} 1.0",
                "meridian_routing_answers_total{endpoint=\"westus2\",profile=\"contoso\"} 3.0",
                "meridian_dns_dropped_total 1.0",
                "meridian_dns_request_duration_seconds_bucket{le=\"1.0E-5\"} 2",
                "meridian_dns_request_duration_seconds_bucket{le=\"2.5E-5\"} 2",
                "meridian_dns_request_duration_seconds_bucket{le=\"5.0E-5\"} 3",
                "meridian_dns_request_duration_seconds_bucket{le=\"0.1\"} 3",
                "meridian_dns_request_duration_seconds_bucket{le=\"+Inf\"} 4",
                "meridian_dns_request_duration_seconds_count 4",
                "meridian_dns_request_duration_seconds_sum 2.000048");
    }
}
