package io.meridian.dns;

import static io.meridian.dns.Queries.ecs;
import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Seeded random mutation of valid queries (ECS, COOKIE, NSID and CHAOS among them, with cookies
 * and an identity on): every input yields a response that parses, with QR set and the query's ID,
 * or a drop; and valid queries are still answered afterwards.
 */
class DnsFuzzTest {

    private static final List<byte[]> SEEDS = List.of(
            query("api.tm.example.test", Type.A).toWire(),
            query("Many.TM.example.test", Type.AAAA).toWire(),
            query("www.tm.example.test", Type.ANY).toWire(),
            query("nx.tm.example.test", Type.TXT).toWire(),
            edns(query("ecs.tm.example.test", Type.A), 4096, 0, ecs("10.1.2.0", 24)).toWire(),
            edns(query("tm.example.test", Type.SOA), 1232, 0).toWire(),
            edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(new byte[8])).toWire(),
            edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(new byte[8], new byte[16]),
                    new NSIDOption(new byte[0])).toWire(),
            edns(query("id.server", Type.TXT, DClass.CH), 1232, 0, new NSIDOption(new byte[0]), ecs("10.1.2.0", 24)).toWire(),
            // compression pointer loop: the question name points at itself
            new byte[] {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1},
            // pointer forward beyond the message
            new byte[] {0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'a', 'p', 'i', (byte) 0xc0, 90, 0, 1, 0, 1});

    private final DnsResponder responder = new DnsResponder(1232,
            new ServerIdentity(Optional.of("fuzz"), Optional.of("1")), ServerCookies.random(InstantSource.system()));
    private final DnsSnapshot snapshot = Fixtures.snapshot();

    /** One fuzz input: a seed with a few random byte flips, cuts, insertions or random bytes. */
    static byte[] mutate(SplittableRandom random) {
        byte[] b = SEEDS.get(random.nextInt(SEEDS.size())).clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = random.nextInt(1, 6); i > 0; i--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> {
                byte[] longer = Arrays.copyOf(b, b.length + random.nextInt(1, 64));
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                b = longer;
            }
            case 3 -> {
                b = new byte[random.nextInt(0, 600)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            default -> { // a compression pointer somewhere after the header
                if (b.length > 14) {
                    int at = random.nextInt(12, b.length - 1);
                    b[at] = (byte) (0xc0 | random.nextInt(4));
                    b[at + 1] = (byte) random.nextInt(256);
                }
            }
        }
        if (b.length > 2 && random.nextInt(4) == 0) {
            b[2] &= 0x7f; // mostly queries, so the parser gets past the QR check
        }
        return b;
    }

    @Test
    void everyInputGetsAWellFormedResponseOrIsDropped() throws Exception {
        SplittableRandom random = new SplittableRandom(20261125);
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] q = mutate(random);
            DnsResponder.Reply reply = responder.respond(q, InetAddress.getLoopbackAddress(), i % 2 == 0, snapshot, random);
            if (reply.wire() == null) {
                assertThat(q.length < 12 || (q[2] & 0x80) != 0).as("dropped only without a readable query header").isTrue();
                continue;
            }
            answered++;
            Message m = new Message(reply.wire());
            assertThat(m.getHeader().getID()).isEqualTo((q[0] & 0xff) << 8 | (q[1] & 0xff));
            assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
            assertThat(m.getRcode()).as("SERVFAIL means answering threw").isNotEqualTo(Rcode.SERVFAIL);
            assertThat(reply.wire().length).isLessThanOrEqualTo(i % 2 == 0 ? 65535 : 1232);
        }
        assertThat(answered).isGreaterThan(1000);
        Message ok = new Message(responder.respond(query("api.tm.example.test", Type.A).toWire(),
                InetAddress.getLoopbackAddress(), false, snapshot, random).wire());
        assertThat(ok.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ok.getSectionArray(1)).hasSize(1);
    }

    /**
     * The transports' entry point (a reused query array holding stale bytes of earlier inputs
     * after each query, the response written into a buffer) answers every input with the bytes
     * the responder gives, or drops it as the responder does.
     */
    @Test
    void theBufferPathAnswersEveryInputAsTheResponderDoes() {
        DnsResponder plain = new DnsResponder(1232, new ServerIdentity(Optional.of("fuzz"), Optional.of("1")),
                ServerCookies.off());
        QueryHandler handler = new QueryHandler(plain, () -> snapshot, DnsMetrics.noop());
        QueryScratch scratch = new QueryScratch(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(70_000);
        SplittableRandom random = new SplittableRandom(20261202);
        InetAddress client = InetAddress.getLoopbackAddress();
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] q = mutate(random);
            System.arraycopy(q, 0, scratch.query(), 0, q.length);
            int n = handler.handle(scratch.query(), q.length, client, out, 0, scratch);
            byte[] expected = plain.respond(q, client, false, snapshot, random).wire();
            if (expected == null) {
                assertThat(n).as("dropped as the responder drops it").isEqualTo(-1);
                continue;
            }
            byte[] got = new byte[n];
            out.get(0, got);
            assertThat(got).as("input %d", i).isEqualTo(expected);
            answered++;
        }
        assertThat(answered).isGreaterThan(1000);
        assertThat(snapshot.index().cache.size()).as("some inputs were answered from the cache").isPositive();
    }
}
