package io.meridian.dns;

import static io.meridian.dns.Queries.ecs;
import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Mirrors the decision table of {@link DnsResponder} row for row, then the answer table of {@link Answers}. */
class DnsResponderTest {

    private static final InetAddress RESOLVER = InetAddress.getLoopbackAddress();
    private static final int DROP = -1;

    private final DnsResponder responder = new DnsResponder(1232);
    private final DnsSnapshot snapshot = Fixtures.snapshot();

    static Stream<Arguments> rows() throws Exception {
        byte[] valid = query("api.tm.example.test", Type.A).toWire();
        byte[] response = valid.clone();
        response[2] |= (byte) 0x80;
        byte[] badLabel = Arrays.copyOf(valid, valid.length - 3); // question cut short
        Message notify = query("tm.example.test", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        Message twoQuestions = query("api.tm.example.test", Type.A);
        twoQuestions.addRecord(Record.newRecord(Name.fromString("www.tm.example.test."), Type.A, DClass.IN), Section.QUESTION);
        Message noQuestion = new Message(7);
        Message twoOpts = edns(edns(query("api.tm.example.test", Type.A), 1232, 0), 1232, 0);
        Message optInAnswer = query("api.tm.example.test", Type.A);
        optInAnswer.addRecord(new OPTRecord(1232, 0, 0), Section.ANSWER);
        Message twoEcs = edns(query("api.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24), ecs("10.1.3.0", 24));
        Message scopedEcs = edns(query("api.tm.example.test", Type.A), 1232, 0,
                new ClientSubnetOption(24, 16, InetAddress.getByName("10.1.2.0")));
        return Stream.of(
                Arguments.of("1 short header", HexFormat.of().parseHex("1234010000"), DROP),
                Arguments.of("2 QR set", response, DROP),
                Arguments.of("3 does not parse", badLabel, Rcode.FORMERR),
                Arguments.of("3 malformed ECS (family 7)", withEcsFamily7(), Rcode.FORMERR),
                Arguments.of("3 COOKIE of 5 bytes", withOption(10, 5), Rcode.FORMERR),
                Arguments.of("3 COOKIE of 12 bytes", withOption(10, 12), Rcode.FORMERR),
                Arguments.of("4 opcode NOTIFY", notify.toWire(), Rcode.NOTIMP),
                Arguments.of("5 two questions", twoQuestions.toWire(), Rcode.FORMERR),
                Arguments.of("5 no question", noQuestion.toWire(), Rcode.FORMERR),
                Arguments.of("6 two OPT", twoOpts.toWire(), Rcode.FORMERR),
                Arguments.of("6 OPT in answer", optInAnswer.toWire(), Rcode.FORMERR),
                Arguments.of("7 two ECS", twoEcs.toWire(), Rcode.FORMERR),
                Arguments.of("7 ECS scope in query", scopedEcs.toWire(), Rcode.FORMERR),
                Arguments.of("7 two COOKIE", edns(query("api.tm.example.test", Type.A), 1232, 0,
                        new CookieOption(new byte[8]), new CookieOption(new byte[8])).toWire(), Rcode.FORMERR),
                Arguments.of("8 EDNS version 1", edns(query("api.tm.example.test", Type.A), 1232, 1).toWire(), 16),
                Arguments.of("9 QTYPE OPT", query("api.tm.example.test", Type.OPT).toWire(), Rcode.FORMERR),
                Arguments.of("10 QCLASS CH", query("version.bind", Type.TXT, DClass.CH).toWire(), Rcode.REFUSED),
                Arguments.of("10 QCLASS HS", query("tm.example.test", Type.SOA, DClass.HS).toWire(), Rcode.REFUSED),
                Arguments.of("11 AXFR", query("tm.example.test", Type.AXFR).toWire(), Rcode.REFUSED),
                Arguments.of("12 outside zones", query("example.org", Type.A).toWire(), Rcode.REFUSED),
                Arguments.of("12 parent of the zone", query("example.test", Type.A).toWire(), Rcode.REFUSED),
                Arguments.of("13 no such name", query("nx.tm.example.test", Type.A).toWire(), Rcode.NXDOMAIN),
                Arguments.of("13 below a profile", query("x.api.tm.example.test", Type.A).toWire(), Rcode.NXDOMAIN),
                Arguments.of("14 routing throws", query("broken.tm.example.test", Type.A).toWire(), Rcode.SERVFAIL),
                Arguments.of("15 IPv4 profile, AAAA", query("api.tm.example.test", Type.AAAA).toWire(), Rcode.NOERROR),
                Arguments.of("15 empty non-terminal", query("b.tm.example.test", Type.A).toWire(), Rcode.NOERROR),
                Arguments.of("15 apex MX", query("tm.example.test", Type.MX).toWire(), Rcode.NOERROR),
                Arguments.of("16 profile A", query("api.tm.example.test", Type.A).toWire(), Rcode.NOERROR),
                Arguments.of("16 apex SOA", query("tm.example.test", Type.SOA).toWire(), Rcode.NOERROR));
    }

    /** An ECS option with address family 7, which dnsjava refuses to parse. */
    private static byte[] withEcsFamily7() {
        Message m = edns(query("api.tm.example.test", Type.A), 1232, 0);
        byte[] wire = m.toWire();
        // OPT RDATA is empty (rdlength 0 at the very end): append option 8, length 4, family 7, prefixes 0/0
        byte[] out = Arrays.copyOf(wire, wire.length + 8);
        out[wire.length - 1] = 8;
        byte[] opt = {0, 8, 0, 4, 0, 7, 0, 0};
        System.arraycopy(opt, 0, out, wire.length, 8);
        return out;
    }

    /** A query whose OPT carries one option of {@code code} with {@code length} zero bytes. */
    static byte[] withOption(int code, int length) {
        byte[] wire = edns(query("api.tm.example.test", Type.A), 1232, 0).toWire();
        byte[] out = Arrays.copyOf(wire, wire.length + 4 + length);
        out[wire.length - 2] = (byte) ((4 + length) >>> 8);
        out[wire.length - 1] = (byte) (4 + length);
        out[wire.length] = (byte) (code >>> 8);
        out[wire.length + 1] = (byte) code;
        out[wire.length + 3] = (byte) length;
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decisionTable(String row, byte[] query, int rcode) throws Exception {
        DnsResponder.Reply reply = responder.respond(query, RESOLVER, false, snapshot, new SplittableRandom(1));
        if (rcode == DROP) {
            assertThat(reply.wire()).isNull();
            return;
        }
        assertThat(reply.rcode()).isEqualTo(rcode);
        Message m = new Message(reply.wire());
        assertThat(m.getRcode()).isEqualTo(rcode);
        assertThat(m.getHeader().getID()).isEqualTo((query[0] & 0xff) << 8 | (query[1] & 0xff));
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
        // only answers from the zone's authority are authoritative (RFC 1035 section 4.1.1)
        assertThat(m.getHeader().getFlag(Flags.AA)).isEqualTo(rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN);
        assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
        if (row.startsWith("3 malformed") || row.startsWith("3 COOKIE")) {
            assertThat(m.getOPT()).as("RFC 6891 section 7: a FORMERR to an EDNS query carries OPT").isNotNull();
            assertThat(m.getQuestion().getName().toString()).isEqualTo("api.tm.example.test.");
            assertThat(m.getOPT().getOptions()).isEmpty();
        }
    }

    @Test
    void inZoneNameServersAnswerTheirConfiguredAddresses() throws Exception {
        for (int i = 0; i < 2; i++) { // the second from the cache
            Message a = answer(query("NS1.tm.example.test", Type.A));
            assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(rdata(a)).containsExactly("192.0.2.53");
            assertThat(a.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(3600);
            assertThat(a.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("NS1.tm.example.test.");
        }
        assertThat(rdata(answer(query("ns1.tm.example.test", Type.AAAA)))).containsExactly("2001:db8:0:0:0:0:0:53");
        assertThat(rdata(answer(query("ns1.tm.example.test", Type.ANY)))).containsExactly("192.0.2.53");
        Message mx = answer(query("ns1.tm.example.test", Type.MX));
        assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(mx.getSection(Section.ANSWER)).isEmpty();
        assertThat(answer(query("ns2.tm.example.test", Type.A)).getRcode()).as("no addresses configured")
                .isEqualTo(Rcode.NXDOMAIN);
        Message soa = answer(query("tm.example.test", Type.SOA));
        assertThat(rdata(soa).get(0)).endsWith(" 1 14400 3600 1209600 30"); // zonemaster's timers
    }

    @Test
    void notimpClearsRecursionDesiredAndCheckingDisabled() throws Exception {
        Message notify = query("tm.example.test", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        notify.getHeader().setFlag(Flags.CD);
        Message m = answer(notify);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(m.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
        assertThat(m.getHeader().getFlag(Flags.CD)).isFalse();
        assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    }

    @Test
    void formerrKeepsTheDoBitAndOurSizeButNoOptWithoutEdns() throws Exception {
        byte[] bad = withOption(8, 3); // ECS shorter than family and prefixes
        bad[bad.length - 11] = (byte) 0x80; // DO: the high bit of the OPT flags, before RDLENGTH and the 7-byte option
        Message m = new Message(responder.respond(bad, RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
        assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(m.getOPT().getPayloadSize()).isEqualTo(1232);
        assertThat(m.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO).isNotZero();
        byte[] cut = Arrays.copyOf(query("api.tm.example.test", Type.A).toWire(), 20);
        Message bare = new Message(responder.respond(cut, RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
        assertThat(bare.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(bare.getOPT()).isNull();
    }

    @Test
    void row14NoSnapshotYetIsServfail() throws Exception {
        byte[] q = query("api.tm.example.test", Type.A).toWire();
        DnsResponder.Reply reply = responder.respond(q, RESOLVER, false, null, new SplittableRandom(1));
        assertThat(reply.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(new Message(reply.wire()).getHeader().getID()).isEqualTo(0x1234);
    }

    @Test
    void negativeAnswersCarryTheSoaWithTheNegativeTtl() {
        Message nx = answer(query("nx.tm.example.test", Type.A));
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.ANSWER)).isEmpty();
        Record soa = nx.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getType()).isEqualTo(Type.SOA);
        assertThat(soa.getTTL()).isEqualTo(30);
        Message nodata = answer(query("api.tm.example.test", Type.AAAA));
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY).get(0).getType()).isEqualTo(Type.SOA);
    }

    @Test
    void answersFollowTheAnswerTable() {
        assertThat(rdata(answer(query("tm.example.test", Type.SOA)))).singleElement().asString().startsWith("ns1.tm.example.test. hostmaster.example.test. 1 ");
        assertThat(rdata(answer(query("tm.example.test", Type.NS)))).containsExactly("ns1.tm.example.test.", "ns2.tm.example.test.");
        assertThat(types(answer(query("tm.example.test", Type.ANY)))).containsExactly(Type.SOA);
        assertThat(rdata(answer(query("dual.tm.example.test", Type.A)))).containsExactly("192.0.2.1");
        assertThat(rdata(answer(query("dual.tm.example.test", Type.AAAA)))).containsExactly("2001:db8:0:0:0:0:0:1");
        assertThat(rdata(answer(query("dual.tm.example.test", Type.ANY)))).containsExactly("192.0.2.1");
        assertThat(rdata(answer(query("v6.tm.example.test", Type.ANY)))).containsExactly("2001:db8:0:0:0:0:0:1");
        Message cname = answer(query("www.tm.example.test", Type.TXT));
        assertThat(rdata(cname)).containsExactly("contoso-westus2-01.regional.azure-api.net.");
        assertThat(cname.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(20);
        assertThat(rdata(answer(query("www.tm.example.test", Type.NS)))).containsExactly("contoso-westus2-01.regional.azure-api.net.");
        assertThat(answer(query("a.b.tm.example.test", Type.A)).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(10);
    }

    @Test
    void queryNameCaseIsPreserved() throws Exception {
        for (int i = 0; i < 2; i++) { // the second answer comes from the cache
            byte[] q = query("ApI.Tm.ExAmPlE.tEsT", Type.A).toWire();
            Message m = new Message(responder.respond(q, RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
            assertThat(m.getQuestion().getName().toString()).isEqualTo("ApI.Tm.ExAmPlE.tEsT.");
            assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("ApI.Tm.ExAmPlE.tEsT.");
        }
        byte[] lower = query("api.tm.example.test", Type.A).toWire();
        Message m = new Message(responder.respond(lower, RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
        assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("api.tm.example.test.");
    }

    @Test
    void cachedAnswersEchoIdAndRecursionDesired() throws Exception {
        for (int id : new int[] {1, 2, 3}) {
            Message q = query("api.tm.example.test", Type.A);
            q.getHeader().setID(id);
            if (id == 2) {
                q.getHeader().unsetFlag(Flags.RD);
            }
            Message m = new Message(responder.respond(q.toWire(), RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
            assertThat(m.getHeader().getID()).isEqualTo(id);
            assertThat(m.getHeader().getFlag(Flags.RD)).isEqualTo(id != 2);
        }
        assertThat(snapshot.index().cache.size()).isEqualTo(1);
    }

    @Test
    void ednsAnswersCarryOptWithOurSizeAndBadversHasVersionZero() {
        Message m = answer(edns(query("api.tm.example.test", Type.A), 4096, 0));
        assertThat(m.getOPT().getPayloadSize()).isEqualTo(1232);
        Message badvers = answer(edns(query("api.tm.example.test", Type.A), 4096, 1));
        assertThat(badvers.getRcode()).isEqualTo(16);
        assertThat(badvers.getOPT().getVersion()).isZero();
        assertThat(answer(query("api.tm.example.test", Type.A)).getOPT()).isNull();
    }

    @Test
    void ecsDecidesAndIsEchoedWithTheDecisionsScope() {
        Message inTen = answer(edns(query("ecs.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24)));
        assertThat(rdata(inTen)).containsExactly("198.51.100.1");
        assertThat(scope(inTen)).isEqualTo(8);
        Message other = answer(edns(query("ecs.tm.example.test", Type.A), 1232, 0, ecs("192.0.2.0", 24)));
        assertThat(rdata(other)).containsExactly("203.0.113.1");
        Message notRouted = answer(edns(query("nx.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24)));
        assertThat(scope(notRouted)).isZero();
        Message refused = answer(edns(query("example.org", Type.A), 1232, 0, ecs("10.1.2.0", 24)));
        assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(scope(refused)).isZero();
    }

    @Test
    void aScopeLongerThanTheSourceIsEchoedAsTheDataSaysButNeverForSourceZero() {
        // RFC 7871 section 7.2.1: the data that decided is a /26, the resolver sent a /24
        Message longer = answer(edns(query("fine.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24)));
        assertThat(rdata(longer)).containsExactly("198.51.100.2");
        ClientSubnetOption echoed = (ClientSubnetOption) longer.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
        assertThat(echoed.getSourcePrefixLength()).isEqualTo(24);   // family, source and address as sent
        assertThat(echoed.getAddress().getHostAddress()).isEqualTo("10.1.2.0");
        assertThat(echoed.getScopePrefixLength()).isEqualTo(26);
        // a source of 0 asks for an answer that is not tailored: scope 0 whatever the data
        Message none = answer(edns(query("fine.tm.example.test", Type.A), 1232, 0, ecs("0.0.0.0", 0)));
        assertThat(scope(none)).isZero();
    }

    @Test
    void udpAnswersTooBigAreTruncatedToTheRequestersSize() throws Exception {
        byte[] plain = query("many.tm.example.test", Type.AAAA).toWire();
        for (int i = 0; i < 2; i++) {
            byte[] wire = responder.respond(plain, RESOLVER, false, snapshot, new SplittableRandom(1)).wire();
            assertThat(wire.length).isLessThanOrEqualTo(512);
            assertThat(new Message(wire).getHeader().getFlag(Flags.TC)).isTrue();
        }
        byte[] big = edns(query("many.tm.example.test", Type.AAAA), 4096, 0).toWire();
        byte[] wire = responder.respond(big, RESOLVER, false, snapshot, new SplittableRandom(1)).wire();
        Message m = new Message(wire);
        assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(m.getSection(Section.ANSWER)).hasSize(40);
        Message tcp = new Message(responder.respond(plain, RESOLVER, true, snapshot, new SplittableRandom(1)).wire());
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(40);
    }

    private Message answer(Message query) {
        try {
            return new Message(responder.respond(query.toWire(), RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Stream<String> rdataStream(Message m) {
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString);
    }

    private static java.util.List<String> rdata(Message m) {
        return rdataStream(m).toList();
    }

    private static java.util.List<Integer> types(Message m) {
        return m.getSection(Section.ANSWER).stream().map(Record::getType).toList();
    }

    private static int scope(Message m) {
        OPTRecord opt = m.getOPT();
        return ((ClientSubnetOption) opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0)).getScopePrefixLength();
    }
}
