package io.meridian.dns;

import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.Decision;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The metrics hooks see qtype, rcode and the decision of every query, cached or not. */
class QueryHandlerTest {

    record Call(int qtype, int rcode, String profile, List<String> endpoints) { }

    @Test
    void reportsEveryQueryWithItsDecision() {
        List<Call> calls = new ArrayList<>();
        int[] dropped = {0};
        DnsMetrics metrics = new DnsMetrics() {
            @Override
            public void answered(int qtype, int rcode, Decision d, long nanos) {
                assertThat(nanos).isPositive();
                calls.add(new Call(qtype, rcode, d == null ? null : d.profile(),
                        d == null ? List.of() : d.answers().stream().map(e -> e.name()).toList()));
            }

            @Override
            public void dropped() {
                dropped[0]++;
            }
        };
        QueryHandler handler = new QueryHandler(new DnsResponder(1232), Fixtures::snapshot, metrics);
        InetAddress from = InetAddress.getLoopbackAddress();
        handler.handle(query("api.tm.example.test", Type.A).toWire(), from, false);
        handler.handle(query("api.tm.example.test", Type.A).toWire(), from, false); // from the cache
        handler.handle(query("dual.tm.example.test", Type.AAAA).toWire(), from, true);
        handler.handle(query("nx.tm.example.test", Type.MX).toWire(), from, false);
        handler.handle(new byte[] {1, 2, 3}, from, false);
        assertThat(calls).containsExactly(
                new Call(Type.A, Rcode.NOERROR, "api", List.of("e1")),
                new Call(Type.A, Rcode.NOERROR, "api", List.of("e1")),
                new Call(Type.AAAA, Rcode.NOERROR, "dual", List.of("e1", "e2")),
                new Call(Type.MX, Rcode.NXDOMAIN, null, List.of()));
        assertThat(dropped[0]).isEqualTo(1);
    }

    /**
     * With rate limiting on, the transports' buffer path (cached answers written in place) gives
     * the same verdicts and the same bytes as the array path: answers, slips (TC, question only)
     * and drops, counted alike.
     */
    @Test
    void theBufferPathRateLimitsAsTheArrayPathDoes() {
        DnsSnapshot snapshot = Fixtures.snapshot();
        InetAddress from = InetAddress.getLoopbackAddress();
        List<byte[]> queries = List.of(query("api.tm.example.test", Type.A).toWire(),
                query("ApI.tm.example.test", Type.A).toWire(), query("nx.tm.example.test", Type.A).toWire());
        DnsResponder warmer = new DnsResponder(1232);
        queries.forEach(q -> warmer.respond(q, from, false, snapshot, new java.util.SplittableRandom(1)));
        int[] arrayCounts = new int[3];
        int[] bufferCounts = new int[3];
        QueryHandler arrays = limited(snapshot, arrayCounts);
        QueryHandler buffers = limited(snapshot, bufferCounts);
        QueryScratch scratch = new QueryScratch(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(70_000);
        for (int i = 0; i < 30; i++) {
            byte[] q = queries.get(i % queries.size());
            byte[] expected = arrays.handle(q, from, false);
            System.arraycopy(q, 0, scratch.query(), 0, q.length);
            int n = buffers.handle(scratch.query(), q.length, from, out, 0, scratch);
            if (expected == null) {
                assertThat(n).as("query %d dropped", i).isEqualTo(-1);
            } else {
                byte[] got = new byte[n];
                out.get(0, got);
                assertThat(got).as("query %d", i).isEqualTo(expected);
            }
        }
        assertThat(scratch.stored()).as("the buffer path answered from the cache in place").isNotNull();
        assertThat(bufferCounts).isEqualTo(arrayCounts);
        assertThat(arrayCounts[0]).as("answered").isPositive();
        assertThat(arrayCounts[1]).as("slipped").isPositive();
        assertThat(arrayCounts[2]).as("dropped").isPositive();
    }

    /** Two responses per second per client network and response, every second limited one slipped. */
    private static QueryHandler limited(DnsSnapshot snapshot, int[] counts) {
        DnsMetrics metrics = new DnsMetrics() {
            @Override
            public void answered(int qtype, int rcode, Decision d, long nanos) {
                counts[0]++;
            }

            @Override
            public void rateLimited(boolean slipped) {
                counts[slipped ? 1 : 2]++;
            }
        };
        ResponseRateLimiter rrl = ResponseRateLimiter.create(
                new RateLimit(2, 2, Duration.ofSeconds(15), 24, 56, RateLimit.DEFAULT_TABLE_SIZE),
                new MutableClock(Instant.parse("2026-12-02T15:30:00Z")));
        return new QueryHandler(new DnsResponder(1232), () -> snapshot, metrics, rrl);
    }
}
