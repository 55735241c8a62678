package io.meridian.dns;

import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.dns.ResponseRateLimiter.Verdict;
import io.meridian.routing.Decision;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** RRL on an injected clock: the verdict table of {@link ResponseRateLimiter}, grouping, exemptions, memory. */
class ResponseRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
    private final DnsSnapshot snapshot = Fixtures.snapshot();

    private ResponseRateLimiter limiter(int rate, int slip) {
        return ResponseRateLimiter.create(new RateLimit(rate, slip, Duration.ofSeconds(5), 24, 56, 1024), clock);
    }

    private long key(String name, int type) {
        DnsResponder r = new DnsResponder(1232);
        byte[] wire = r.respond(query(name, type).toWire(), InetAddress.getLoopbackAddress(), false, snapshot,
                new java.util.SplittableRandom(1)).wire();
        return RateKeys.of(wire, snapshot.index());
    }

    @Test
    void overTheRateEverySlipthIsTruncatedAndTheRestDropped() throws Exception {
        ResponseRateLimiter rrl = limiter(5, 2);
        InetAddress client = InetAddress.getByName("192.0.2.10");
        long api = key("api.tm.example.test", Type.A);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            verdicts.add(rrl.account(client, api));
        }
        assertThat(verdicts).containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS,
                Verdict.DROP, Verdict.SLIP, Verdict.DROP, Verdict.SLIP);
        ResponseRateLimiter never = limiter(1, 0);
        ResponseRateLimiter always = limiter(1, 1);
        never.account(client, api);
        always.account(client, api);
        assertThat(never.account(client, api)).isEqualTo(Verdict.DROP);
        assertThat(always.account(client, api)).isEqualTo(Verdict.SLIP);
    }

    @Test
    void theRateIsAveragedOverTheWindow() throws Exception {
        ResponseRateLimiter rrl = limiter(10, 0);
        InetAddress client = InetAddress.getByName("192.0.2.10");
        long api = key("api.tm.example.test", Type.A);
        for (int i = 0; i < 10; i++) {
            assertThat(rrl.account(client, api)).isEqualTo(Verdict.PASS);
        }
        for (int i = 0; i < 60; i++) {
            assertThat(rrl.account(client, api)).isEqualTo(Verdict.DROP); // the balance sinks to -5 s worth
        }
        clock.advance(Duration.ofSeconds(4));
        assertThat(rrl.account(client, api)).as("still in debt after 4 s").isEqualTo(Verdict.DROP);
        clock.advance(Duration.ofMillis(1200));
        assertThat(rrl.account(client, api)).as("paid back after the window").isEqualTo(Verdict.PASS);
        clock.advance(Duration.ofSeconds(100));
        for (int i = 0; i < 10; i++) {
            assertThat(rrl.account(client, api)).as("credit is capped at one second's worth").isEqualTo(Verdict.PASS);
        }
        assertThat(rrl.account(client, api)).isEqualTo(Verdict.DROP);
    }

    @Test
    void bucketsArePerClientNetworkAndResponse() throws Exception {
        ResponseRateLimiter rrl = limiter(1, 0);
        long api = key("api.tm.example.test", Type.A);
        assertThat(rrl.account(InetAddress.getByName("192.0.2.10"), api)).isEqualTo(Verdict.PASS);
        assertThat(rrl.account(InetAddress.getByName("192.0.2.99"), api)).as("same /24").isEqualTo(Verdict.DROP);
        assertThat(rrl.account(InetAddress.getByName("192.0.3.10"), api)).as("another /24").isEqualTo(Verdict.PASS);
        assertThat(rrl.account(InetAddress.getByName("2001:db8:0:1::1"), api)).isEqualTo(Verdict.PASS);
        assertThat(rrl.account(InetAddress.getByName("2001:db8:0:1:ffff::1"), api)).as("same /56").isEqualTo(Verdict.DROP);
        assertThat(rrl.account(InetAddress.getByName("2001:db8:0:100::1"), api)).as("another /56").isEqualTo(Verdict.PASS);
        InetAddress client = InetAddress.getByName("192.0.2.10");
        assertThat(rrl.account(client, key("api.tm.example.test", Type.AAAA))).as("another type").isEqualTo(Verdict.PASS);
        assertThat(rrl.account(client, key("dual.tm.example.test", Type.A))).as("another name").isEqualTo(Verdict.PASS);
        assertThat(key("API.tm.example.TEST", Type.A)).as("letter case does not make a new response").isEqualTo(api);
    }

    @Test
    void nxdomainAndErrorsCountPerZone() {
        assertThat(key("random1.tm.example.test", Type.A)).isEqualTo(key("random2.tm.example.test", Type.AAAA));
        assertThat(key("example.org", Type.A)).as("REFUSED outside every zone: one bucket")
                .isEqualTo(key("example.net", Type.MX));
        assertThat(key("random1.tm.example.test", Type.A)).isNotEqualTo(key("example.org", Type.A));
    }

    @Test
    void aFloodOfDistinctSourceNetworksStaysWithinTheTable() throws Exception {
        ResponseRateLimiter rrl = limiter(5, 2);
        long api = key("api.tm.example.test", Type.A);
        for (int i = 0; i < 100_000; i++) {
            byte[] net = {(byte) (11 + (i >>> 16)), (byte) (i >>> 8), (byte) i, 1}; // each its own /24
            assertThat(rrl.account(InetAddress.getByAddress(net), api)).isEqualTo(Verdict.PASS);
        }
        assertThat(rrl.entries()).isLessThanOrEqualTo(1024).isGreaterThan(1000);
        // a heavy hitter keeps being limited while the flood goes on around it
        InetAddress heavy = InetAddress.getByName("192.0.2.10");
        for (int i = 0; i < 5; i++) {
            rrl.account(heavy, api);
        }
        assertThat(rrl.account(heavy, api)).isNotEqualTo(Verdict.PASS);
    }

    /**
     * Lock-free updates lose nothing: two threads account one response to one network at once,
     * with time standing still, and exactly one second's worth passes (the bucket's credit),
     * every other response is limited, and every slip-th limited one slips.
     */
    @Test
    void concurrentResponsesToOneBucketLoseNoDebit() throws Exception {
        ResponseRateLimiter rrl = limiter(1000, 3);
        InetAddress client = InetAddress.getByName("192.0.2.10");
        long api = key("api.tm.example.test", Type.A);
        int perThread = 20_000;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<int[]>> counts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                counts.add(pool.submit(() -> {
                    start.await();
                    int[] n = new int[Verdict.values().length];
                    for (int i = 0; i < perThread; i++) {
                        n[rrl.account(client, api).ordinal()]++;
                    }
                    return n;
                }));
            }
            int[] total = new int[Verdict.values().length];
            for (java.util.concurrent.Future<int[]> c : counts) {
                int[] n = c.get(1, java.util.concurrent.TimeUnit.MINUTES);
                for (int v = 0; v < total.length; v++) {
                    total[v] += n[v];
                }
            }
            assertThat(total[Verdict.PASS.ordinal()]).isEqualTo(1000);
            assertThat(total[Verdict.SLIP.ordinal()]).isEqualTo((2 * perThread - 1000) / 3);
            assertThat(total[Verdict.DROP.ordinal()]).isEqualTo(2 * perThread - 1000 - (2 * perThread - 1000) / 3);
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(6));
        assertThat(rrl.account(client, api)).as("paid back after the window").isEqualTo(Verdict.PASS);
    }

    /**
     * A new key takes the bucket with the least debt in its set (a stale one first), so a flood
     * of one-off sources recycles its own buckets and a limited network stays limited.
     */
    @Test
    void aFloodTakesOverItsOwnBucketsAndNotALimitedNetworks() throws Exception {
        ResponseRateLimiter rrl = ResponseRateLimiter.create(new RateLimit(1, 0, Duration.ofSeconds(5), 24, 56, 4), clock);
        long api = key("api.tm.example.test", Type.A);
        InetAddress heavy = InetAddress.getByName("192.0.2.10");
        for (int i = 0; i < 10; i++) {
            rrl.account(heavy, api);
        }
        int limited = 0;
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(2));
            byte[] net = {10, (byte) (i >>> 8), (byte) i, 1};
            limited += rrl.account(InetAddress.getByAddress(net), api) == Verdict.PASS ? 0 : 1;
        }
        // each newcomer gets a bucket of its own unless its 16-bit tag matches one of the set's four
        // (4 in 65,536 per newcomer, with the random seed: 0.06 expected here), then it shares that debt
        assertThat(limited).as("flood responses limited").isLessThanOrEqualTo(3);
        assertThat(rrl.entries()).isEqualTo(4);
        assertThat(rrl.account(heavy, api)).as("still in debt, 2 s later").isEqualTo(Verdict.DROP);
        clock.advance(Duration.ofSeconds(6));
        assertThat(rrl.account(heavy, api)).isEqualTo(Verdict.PASS);
    }

    /**
     * Per response, the key, the bucket update and a fresh server cookie allocate nothing for an
     * IPv4 client (counted by the thread's allocation counter, after one warm-up call each).
     */
    @Test
    void keyBucketAndServerCookieAllocateNothing() throws Exception {
        ResponseRateLimiter rrl = limiter(100, 2);
        DnsResponder r = new DnsResponder(1232);
        InetAddress client = InetAddress.getByName("192.0.2.10");
        byte[] nx = r.respond(query("nx.tm.example.test", Type.A).toWire(), client, false, snapshot,
                new java.util.SplittableRandom(1)).wire();
        byte[] api = r.respond(query("api.tm.example.test", Type.A).toWire(), client, false, snapshot,
                new java.util.SplittableRandom(1)).wire();
        ServerCookies cookies = ServerCookies.of(new byte[16], clock);
        byte[] in = new byte[8];
        byte[] out = new byte[16];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 2; round++) { // the first round loads and links what the calls use
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                sink += rrl.account(client, RateKeys.of(i % 2 == 0 ? nx : api, snapshot.index())).ordinal();
                cookies.fresh(in, 0, client, out, 0);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertThat(allocated).as("bytes allocated by 1000 responses").isZero();
            }
        }
        assertThat(sink).as("some responses were limited").isPositive();
    }

    @Test
    void tcpAndClientsWithAValidServerCookieAreNotLimited() throws Exception {
        ServerCookies cookies = ServerCookies.of(new byte[16], clock);
        DnsResponder responder = new DnsResponder(1232, ServerIdentity.NONE, cookies);
        int[] limited = {0};
        DnsMetrics metrics = new DnsMetrics() {
            @Override
            public void answered(int qtype, int rcode, Decision d, long nanos) {
            }

            @Override
            public void rateLimited(boolean slipped) {
                limited[0]++;
            }
        };
        QueryHandler handler = new QueryHandler(responder, () -> snapshot, metrics, limiter(1, 1));
        InetAddress from = InetAddress.getByName("127.0.0.1");
        byte[] plain = query("api.tm.example.test", Type.A).toWire();
        assertThat(handler.handle(plain, from, false)).isNotNull();
        byte[] slipped = handler.handle(plain, from, false);
        Message tc = new Message(slipped);
        assertThat(tc.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(tc.getSection(1)).isEmpty();
        assertThat(tc.getQuestion().getName().toString()).isEqualTo("api.tm.example.test.");
        assertThat(new Message(handler.handle(plain, from, true)).getSection(1)).as("TCP").hasSize(1);
        byte[] client = new byte[8];
        Message first = new Message(handler.handle(edns(query("api.tm.example.test", Type.A), 1232, 0,
                new CookieOption(client)).toWire(), from, true));
        byte[] server = ((CookieOption) first.getOPT().getOptions(EDNSOption.Code.COOKIE).get(0)).getServerCookie().orElseThrow();
        byte[] withCookie = edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(client, server)).toWire();
        for (int i = 0; i < 5; i++) {
            assertThat(new Message(handler.handle(withCookie, from, false)).getSection(1)).as("valid cookie").hasSize(1);
        }
        byte[] forged = server.clone();
        forged[15] ^= 1;
        byte[] badCookie = edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(client, forged)).toWire();
        assertThat(new Message(handler.handle(badCookie, from, false)).getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(limited[0]).isEqualTo(2);
    }
}
