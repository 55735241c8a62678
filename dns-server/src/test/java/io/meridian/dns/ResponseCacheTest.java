package io.meridian.dns;

import static io.meridian.dns.Queries.ecs;
import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Differential: a response served from the cache is byte for byte the response the uncached
 * dnsjava path gives the same query (the fake table decides deterministically).
 */
class ResponseCacheTest {

    private static final InetAddress RESOLVER = InetAddress.getLoopbackAddress();

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
     * (COOKIE, NSID or unknown options, compressed names) never reach the cache.
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
                    }
                    simple += fastShape ? 1 : 0;
                }
            }
        }
        assertThat(simple).as("queries the fast path took").isGreaterThan(100);
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
