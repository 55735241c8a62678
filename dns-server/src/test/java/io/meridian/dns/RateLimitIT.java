package io.meridian.dns;

import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meridian.routing.Decision;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * RRL on the real server, on a stopped clock so the buckets never refill: 2 responses per
 * second, every 2nd limited one truncated. Each test asks for its own name (its own bucket).
 */
class RateLimitIT {
    static Vertx vertx;
    static DnsServer server;
    static InetSocketAddress address;
    static final AtomicInteger LIMITED = new AtomicInteger();
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        DnsMetrics metrics = new DnsMetrics() {
            @Override
            public void answered(int qtype, int rcode, Decision decision, long durationNanos) {
            }

            @Override
            public void rateLimited(boolean slipped) {
                LIMITED.incrementAndGet();
            }
        };
        DnsResponder responder = new DnsResponder(1232, ServerIdentity.NONE, ServerCookies.of(new byte[16], CLOCK));
        ResponseRateLimiter rrl = ResponseRateLimiter.create(
                new RateLimit(2, 2, Duration.ofSeconds(15), 24, 56, RateLimit.DEFAULT_TABLE_SIZE), CLOCK);
        server = DnsServer.create(vertx, DnsServerOptions.of(List.of(new InetSocketAddress(
                InetAddress.getByName("127.0.0.1"), 0))).withInstances(2), responder, Fixtures::snapshot, metrics, rrl);
        address = Servers.start(server);
    }

    @AfterAll
    static void stop() throws Exception {
        Servers.stop(vertx, server);
    }

    @Test
    void aRawClientOverTheRateIsDroppedAndEverySecondLimitedResponseTruncated() throws Exception {
        byte[] q = query("api.tm.example.test", Type.A).toWire();
        List<String> got = new ArrayList<>();
        int before = LIMITED.get();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout(700); // a drop is silence: how long we listen for it
            for (int i = 0; i < 6; i++) {
                s.send(new DatagramPacket(q, q.length, address));
                got.add(receive(s));
            }
        }
        assertThat(got).containsExactly("answer", "answer", "dropped", "truncated", "dropped", "truncated");
        assertThat(LIMITED.get() - before).isEqualTo(4);
    }

    @Test
    void digRetriesATruncatedResponseOverTcpAndTcpIsNeverLimited() throws Exception {
        assumeTrue(Dig.installed(), "dig is not installed");
        String name = "dual.tm.example.test";
        assertThat(dig("+ignore", name)).contains("status: NOERROR").contains("ANSWER: 1,");
        assertThat(dig("+ignore", name)).contains("ANSWER: 1,");
        assertThat(dig("+ignore", name)).contains("timed out"); // dropped
        assertThat(dig("+ignore", name)).containsPattern("flags: qr aa tc rd;").contains("ANSWER: 0,"); // slipped
        assertThat(dig("+ignore", name)).contains("timed out");
        String retried = dig("", name); // slipped, and dig asks again over TCP
        assertThat(retried).contains("Truncated, retrying in TCP mode").contains("ANSWER: 1,");
        for (int i = 0; i < 5; i++) {
            assertThat(dig("+tcp", name)).contains("ANSWER: 1,");
        }
    }

    @Test
    void aClientWithAValidServerCookieIsNotLimited() throws Exception {
        assumeTrue(Dig.installed(), "dig is not installed");
        String name = "v6.tm.example.test";
        String first = dig("+tcp +cookie", name);
        Matcher m = Pattern.compile("COOKIE: ([0-9a-f]{48})").matcher(first);
        assertThat(m.find()).as(first).isTrue();
        for (int i = 0; i < 6; i++) {
            assertThat(dig("+ignore +cookie=" + m.group(1), name)).contains("ANSWER: 1,").doesNotContain("flags: qr aa tc");
        }
        // its responses still count for its network: one without the cookie is limited
        assertThat(dig("+ignore +nocookie", name)).contains("timed out");
    }

    private static String receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return "dropped";
        }
        Message m = new Message(Arrays.copyOf(buf, p.getLength()));
        return m.getHeader().getFlag(Flags.TC) && m.getSection(1).isEmpty() ? "truncated" : "answer";
    }

    private static String dig(String options, String name) throws Exception {
        return Dig.run(address.getPort(), "+time=1 +tries=1 +retry=0", options, name, name.startsWith("v6") ? "AAAA" : "A");
    }
}
