package io.meridian.dns;

import static io.meridian.dns.Queries.ecs;
import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.Endpoint;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Differential: a response served from the cache is byte for byte the response the uncached
 * dnsjava path gives the same query (the fake table decides deterministically).
 */
class ResponseCacheTest {

    private static final InetAddress RESOLVER = InetAddress.getLoopbackAddress();
    private static final byte[] SECRET = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] CLIENT = HexFormat.of().parseHex("2464c4abcf10c957");

    @Test
    void cachedResponsesEqualUncachedOnes() throws Exception {
        DnsSnapshot snapshot = Fixtures.snapshot();
        DnsResponder cached = new DnsResponder(1232);
        DnsResponder reference = new DnsResponder(1232);
        SplittableRandom random = new SplittableRandom(7);
        List<String> names = List.of("api", "ApI", "dual", "v6", "www", "WWW", "a.b", "b", "nx", "x.api", "many", "ecs", "fine", "");
        int[] types = {Type.A, Type.AAAA, Type.ANY, Type.CNAME, Type.SOA, Type.NS, Type.MX, Type.TXT, 65534};
        for (int round = 0; round < 3; round++) {
            for (String n : names) {
                String name = n.isEmpty() ? "Tm.example.TEST" : n + ".tm.example.test";
                for (int type : types) {
                    for (Message q : variants(name, type, random)) {
                        for (boolean tcp : new boolean[] {false, true}) {
                            byte[] got = cached.respond(q.toWire(), RESOLVER, tcp, snapshot, random).wire();
                            Message expected = reference.respond(q, RESOLVER, snapshot, random);
                            int limit = tcp ? 65535 : reference.udpLimit(q);
                            assertThat(got).as("%s %s %s tcp=%s", name, Type.string(type), q.getOPT(), tcp)
                                    .isEqualTo(expected.toWire(limit));
                        }
                    }
                }
            }
        }
        assertThat(snapshot.index().cache.size()).isGreaterThan(100);
    }

    /**
     * Every path that answers gives the same bytes: the fast path on a miss (a fresh snapshot,
     * encoded through the full path with the fast path's decision), the fast path on a hit
     * (stored bytes patched), and the full dnsjava path. Queries the fast path must decline
     * (NSID or unknown options, compressed names) never reach the cache; with cookies off a
     * COOKIE is ignored, so a query with one is answered and stored as the same query without.
     */
    @Test
    void everyPathGivesTheSameBytes() throws Exception {
        DnsSnapshot warm = Fixtures.snapshot();
        DnsResponder responder = new DnsResponder(1232);
        SplittableRandom random = new SplittableRandom(11);
        int simple = 0;
        for (String name : List.of("api.tm.example.test", "DuAl.tm.example.test", "www.tm.example.test",
                "nx.tm.example.test", "ecs.tm.example.test", "fine.tm.example.test", "many.tm.example.test",
                "tm.example.test")) {
            for (int type : new int[] {Type.A, Type.AAAA, Type.TXT, Type.SOA}) {
                List<Message> queries = variants(name, type, random);
                queries.add(edns(query(name, type), 1232, 0, new GenericEDNSOption(EDNSOption.Code.COOKIE,
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
                queries.add(edns(query(name, type), 1232, 0, new NSIDOption(new byte[0])));
                queries.add(edns(query(name, type), 1232, 0, new GenericEDNSOption(65001, new byte[] {9})));
                for (Message q : queries) {
                    byte[] wire = q.toWire();
                    boolean fastShape = SimpleQuery.parse(wire) != null;
                    for (boolean tcp : new boolean[] {false, true}) {
                        DnsSnapshot cold = Fixtures.snapshot();
                        byte[] miss = responder.respond(wire, RESOLVER, tcp, cold, random).wire();
                        assertThat(cold.index().cache.size()).as("stored after a miss: %s", q.getOPT())
                                .isEqualTo(fastShape ? 1 : 0);
                        responder.respond(wire, RESOLVER, tcp, warm, random);
                        byte[] hit = responder.respond(wire, RESOLVER, tcp, warm, random).wire();
                        byte[] full = responder.respond(q, RESOLVER, warm, random)
                                .toWire(tcp ? 65535 : responder.udpLimit(q));
                        assertThat(miss).as("miss %s %s %s", name, Type.string(type), q.getOPT()).isEqualTo(full);
                        assertThat(hit).as("hit %s %s %s", name, Type.string(type), q.getOPT()).isEqualTo(full);
                        if (!tcp) {
                            assertThat(intoBuffer(responder, wire, warm, random, fastShape && (full[2] & 0x02) == 0))
                                    .as("into a buffer %s %s %s", name, Type.string(type), q.getOPT()).isEqualTo(full);
                        }
                    }
                    simple += fastShape ? 1 : 0;
                }
            }
        }
        assertThat(simple).as("queries the fast path took").isGreaterThan(100);
    }

    /**
     * The allocation-free path (a transport's reused query array, with stale bytes after the
     * query, and a dirty output buffer): its bytes, or {@code full}'s path when it declines.
     */
    private final QueryScratch scratch = new QueryScratch(4096);

    private byte[] intoBuffer(DnsResponder responder, byte[] wire, DnsSnapshot snapshot, SplittableRandom random,
                              boolean mustAnswer) {
        byte[] q = scratch.query();
        Arrays.fill(q, (byte) 0x33);
        System.arraycopy(wire, 0, q, 0, wire.length);
        ByteBuffer out = ByteBuffer.allocateDirect(70_000);
        while (out.hasRemaining()) {
            out.put((byte) 0x5a);
        }
        int at = 77;
        int n = responder.respondCached(q, wire.length, RESOLVER, snapshot, random, out, at, scratch);
        if (!mustAnswer && n == 0) {
            return responder.respond(wire, RESOLVER, false, snapshot, random).wire();
        }
        assertThat(n).as("the buffer path answers a cached simple query").isPositive();
        assertThat(out.get(at + n)).as("nothing written after the response").isEqualTo((byte) 0x5a);
        assertThat(scratch.qtype()).isEqualTo(SimpleQuery.parse(wire).qtype());
        byte[] r = new byte[n];
        out.get(at, r);
        return r;
    }

    /**
     * A cached answer through the transport's entry point allocates nothing (a priority profile
     * of the real routing table, whose decision is made once per table; names of a profile, of
     * the zone and outside it; with and without EDNS and DO). Measured over 20,000 queries after
     * as many to warm up: fewer bytes than queries means no query allocated.
     */
    @Test
    void aCachedAnswerIntoTheTransportsBufferAllocatesNothing() throws Exception {
        Endpoint primary = new Endpoint("r1", new Target.Address(InetAddress.getByName("192.0.2.1"), "192.0.2.1"), null, 1,
                100, List.of(), List.of(), true, false, null, 0);
        Endpoint backup = new Endpoint("r2", new Target.Address(InetAddress.getByName("192.0.2.2"), "192.0.2.2"), null, 2,
                100, List.of(), List.of(), true, false, null, 0);
        ProfileDefinition api = new ProfileDefinition("api", "api.tm.example.test", MethodKind.PRIORITY,
                Duration.ofSeconds(30), 1, Fallback.NONE, List.of(primary, backup));
        RoutingTable table = RoutingTable.compile(List.of(api), id -> HealthStatus.ONLINE, GeoLocator.none());
        DnsSnapshot snapshot = DnsSnapshot.of(List.of(Fixtures.ZONE), table);
        QueryHandler handler = new QueryHandler(new DnsResponder(1232), () -> snapshot, DnsMetrics.noop());
        List<byte[]> queries = new ArrayList<>();
        for (Message q : List.of(query("api.tm.example.test", Type.A), query("API.tm.example.test", Type.AAAA),
                query("nx.tm.example.test", Type.A), query("tm.example.test", Type.SOA),
                edns(query("api.tm.example.test", Type.A), 1232, 0))) {
            queries.add(q.toWire());
        }
        Message dnssecOk = query("api.tm.example.test", Type.A);
        dnssecOk.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        queries.add(dnssecOk.toWire());
        QueryScratch s = new QueryScratch(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(70_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int queriesPerRound = 20_000;
        long[] allocated = new long[2];
        int unanswered = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < queriesPerRound; i++) {
                byte[] q = queries.get(i % queries.size());
                System.arraycopy(q, 0, s.query(), 0, q.length);
                if (handler.handle(s.query(), q.length, RESOLVER, out, 0, s) <= 0) {
                    unanswered++; // no assertion in the loop: AssertJ allocates
                }
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(unanswered).isZero();
        assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
        assertThat(allocated[0]).as("the first round's misses allocate: the measurement sees allocation").isPositive();
        assertThat(snapshot.index().cache.size()).isEqualTo(queries.size());
        assertThat(allocated[1]).as("bytes allocated by %d cached queries", queriesPerRound).isLessThan(queriesPerRound);
    }

    /**
     * Cookie-bearing queries (cookies on, one clock second): the hit appends a fresh server cookie
     * to the stored bytes, and every path gives the bytes of the full path, whatever the server
     * cookie shown: none, a valid one, one made with the previous epoch's secret, a stranger's, one
     * of the largest size; with ECS before or after the COOKIE. The entry is shared with the
     * same query without a cookie, stored by either.
     */
    @Test
    void cookieQueriesGiveTheSameBytesOnEveryPath() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:20:00Z"));
        ServerCookies cookies = ServerCookies.of(SECRET, clock);
        DnsResponder responder = new DnsResponder(1232, ServerIdentity.NONE, cookies);
        byte[] valid = cookies.fresh(CLIENT, RESOLVER);
        byte[] previous = ServerCookies.of(SECRET, new MutableClock(Instant.parse("2026-12-02T04:35:00Z")))
                .fresh(CLIENT, RESOLVER);
        assertThat(cookies.verifies(CLIENT, previous, RESOLVER)).as("made with the previous epoch's secret").isTrue();
        byte[] stranger = ServerCookies.of(new byte[16], clock).fresh(CLIENT, RESOLVER);
        assertThat(cookies.verifies(CLIENT, stranger, RESOLVER)).isFalse();
        List<CookieOption> shown = List.of(new CookieOption(CLIENT), new CookieOption(CLIENT, valid),
                new CookieOption(CLIENT, previous), new CookieOption(CLIENT, stranger), new CookieOption(CLIENT, new byte[32]));
        SplittableRandom random = new SplittableRandom(13);
        DnsSnapshot warm = Fixtures.snapshot();
        int hits = 0;
        for (String name : List.of("api.tm.example.test", "DuAl.tm.example.test", "www.tm.example.test",
                "nx.tm.example.test", "ecs.tm.example.test", "many.tm.example.test", "tm.example.test", "example.org")) {
            for (int type : new int[] {Type.A, Type.AAAA, Type.TXT, Type.SOA}) {
                for (CookieOption cookie : shown) {
                    List<Message> queries = List.of(edns(query(name, type), 1232, 0, cookie),
                            edns(query(name, type), 512, 0, cookie),
                            edns(query(name, type), 1232, 0, ecs("10.1.2.0", 24), cookie),
                            edns(query(name, type), 1232, 0, cookie, ecs("2001:db8:1::", 48)));
                    for (Message q : queries) {
                        byte[] wire = q.toWire();
                        assertThat(SimpleQuery.parse(wire)).as("fast shape: %s", q.getOPT()).isNotNull();
                        for (boolean tcp : new boolean[] {false, true}) {
                            DnsSnapshot cold = Fixtures.snapshot();
                            byte[] miss = responder.respond(wire, RESOLVER, tcp, cold, random).wire();
                            responder.respond(wire, RESOLVER, tcp, warm, random);
                            byte[] hit = responder.respond(wire, RESOLVER, tcp, warm, random).wire();
                            byte[] full = responder.respond(q, RESOLVER, warm, random)
                                    .toWire(tcp ? 65535 : responder.udpLimit(q));
                            String what = name + " " + Type.string(type) + " " + q.getOPT() + " tcp=" + tcp;
                            assertThat(miss).as("miss %s", what).isEqualTo(full);
                            assertThat(hit).as("hit %s", what).isEqualTo(full);
                            assertThat(cookieOf(hit).getServerCookie().orElseThrow()).as(what).isEqualTo(valid);
                            hits += cold.index().cache.size();
                        }
                    }
                }
            }
        }
        assertThat(hits).as("misses stored for the hits to come").isGreaterThan(500);
    }

    @Test
    void aQueryWithAndOneWithoutACookieShareTheStoredResponse() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:20:00Z"));
        DnsResponder responder = new DnsResponder(1232, ServerIdentity.NONE, ServerCookies.of(SECRET, clock));
        SplittableRandom random = new SplittableRandom(17);
        Message plain = edns(query("api.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24));
        Message withCookie = edns(query("api.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24),
                new CookieOption(CLIENT));
        for (List<Message> order : List.of(List.of(withCookie, plain), List.of(plain, withCookie))) {
            DnsSnapshot snapshot = Fixtures.snapshot();
            for (Message q : order) {
                byte[] got = responder.respond(q.toWire(), RESOLVER, false, snapshot, random).wire();
                assertThat(got).as("%s after %s", q.getOPT(), order.get(0).getOPT())
                        .isEqualTo(responder.respond(q, RESOLVER, snapshot, random).toWire(1232));
            }
            assertThat(snapshot.index().cache.size()).isEqualTo(1);
        }
        clock.advance(java.time.Duration.ofSeconds(2));
        DnsSnapshot snapshot = Fixtures.snapshot();
        byte[] first = responder.respond(withCookie.toWire(), RESOLVER, false, snapshot, random).wire();
        clock.advance(java.time.Duration.ofSeconds(2));
        byte[] later = responder.respond(withCookie.toWire(), RESOLVER, false, snapshot, random).wire();
        assertThat(cookieOf(later).getServerCookie().orElseThrow()).as("made anew for every hit")
                .isNotEqualTo(cookieOf(first).getServerCookie().orElseThrow());
    }

    /** A COOKIE of a wrong length is never the fast shape: FORMERR with OPT as before, nothing stored. */
    @Test
    void aMalformedCookieTakesTheFormerrPath() throws Exception {
        DnsResponder responder = new DnsResponder(1232, ServerIdentity.NONE,
                ServerCookies.of(SECRET, new MutableClock(Instant.parse("2026-12-02T05:20:00Z"))));
        for (int length : new int[] {0, 7, 9, 12, 15, 41}) {
            byte[] wire = DnsResponderTest.withOption(EDNSOption.Code.COOKIE, length);
            assertThat(SimpleQuery.parse(wire)).as("%d bytes", length).isNull();
            DnsSnapshot snapshot = Fixtures.snapshot();
            byte[] got = responder.respond(wire, RESOLVER, false, snapshot, new SplittableRandom(1)).wire();
            assertThat(got).as("%d bytes", length).isEqualTo(MalformedQuery.formerr(wire, 1232));
            Message m = new Message(got);
            assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(m.getOPT()).isNotNull();
            assertThat(snapshot.index().cache.size()).isZero();
        }
        byte[] twoCookies = edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(CLIENT),
                new CookieOption(CLIENT)).toWire();
        assertThat(SimpleQuery.parse(twoCookies)).isNull();
    }

    private static CookieOption cookieOf(byte[] response) throws Exception {
        List<EDNSOption> options = new Message(response).getOPT().getOptions(EDNSOption.Code.COOKIE);
        assertThat(options).hasSize(1);
        assertThat(((CookieOption) options.get(0)).getClientCookie()).isEqualTo(CLIENT);
        return (CookieOption) options.get(0);
    }

    private static List<Message> variants(String name, int type, SplittableRandom random) {
        List<Message> out = new ArrayList<>();
        out.add(query(name, type));
        Message norec = query(name, type);
        norec.getHeader().unsetFlag(Flags.RD);
        norec.getHeader().setFlag(Flags.CD);
        norec.getHeader().setID(random.nextInt(65536));
        out.add(norec);
        out.add(edns(query(name, type), 512, 0));
        out.add(edns(query(name, type), 4096, 0));
        Message dnssecOk = query(name, type);
        dnssecOk.addRecord(new OPTRecord(1400, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        out.add(dnssecOk);
        out.add(edns(query(name, type), 1232, 0, ecs("10.1.2.0", 24)));
        out.add(edns(query(name, type), 1232, 0, ecs("10.9.9.0", 24))); // same key as 10.1.2.0/24: patched
        out.add(edns(query(name, type), 1232, 0, ecs("192.0.2.128", 25)));
        out.add(edns(query(name, type), 1232, 0, ecs("2001:db8:1::", 48)));
        out.add(edns(query(name, type), 1232, 0, ecs("0.0.0.0", 0)));
        return out;
    }
}
