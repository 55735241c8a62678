package io.meridian.dns;

import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** RFC 7873 section 5.2 with RFC 9018 server cookies: vectors, rotation, and two directors sharing a secret. */
class ServerCookiesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CLIENT = HEX.parseHex("2464c4abcf10c957");
    private static final byte[] SHARED = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
    private final DnsSnapshot snapshot = Fixtures.snapshot();

    @Test
    void sipHashMatchesTheReferenceVector() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] message = HEX.parseHex("000102030405060708090a0b0c0d0e");
        assertThat(SipHash24.hash(key, message, message.length)).isEqualTo(0xa129ca6149be45e5L);
        assertThat(SipHash24.hash(key, new byte[0], 0)).isEqualTo(0x726fdb47dd0e0e31L);
    }

    @Test
    void serverCookiesMatchRfc9018AppendixA() throws Exception {
        byte[] secret = HEX.parseHex("e5e973e5a6b2a43f48e7dc849e37bfcf");
        InetAddress v4 = InetAddress.getByName("198.51.100.100");
        assertThat(HEX.formatHex(ServerCookies.make(secret, CLIENT, v4, 1559731985L)))
                .isEqualTo("010000005cf79f111f8130c3eee29480"); // A.1
        assertThat(HEX.formatHex(ServerCookies.make(secret, CLIENT, v4, 1559734385L)))
                .isEqualTo("010000005cf7a871d4a564a1442aca77"); // A.2
        assertThat(HEX.formatHex(ServerCookies.make(secret, HEX.parseHex("fc93fc62807ddb86"),
                InetAddress.getByName("203.0.113.203"), 1559734700L))).isEqualTo("010000005cf7a9acf73a7810aca2381e"); // A.3
        InetAddress v6 = InetAddress.getByName("2001:db8:220:1:59de:d0f4:8769:82b8");
        byte[] client6 = HEX.parseHex("22681ab97d52c298");
        assertThat(HEX.formatHex(ServerCookies.make(HEX.parseHex("dd3bdf9344b678b185a6f5cb60fca715"), client6, v6,
                1559741817L))).isEqualTo("010000005cf7c57926556bd0934c72f8"); // A.4, the old secret
        assertThat(HEX.formatHex(ServerCookies.make(HEX.parseHex("445536bcd2513298075a5d379663c962"), client6, v6,
                1559741961L))).isEqualTo("010000005cf7c609a6bb79d16625507a"); // A.4, the new one
    }

    @Test
    void aCookieMadeByOneDirectorVerifiesOnAnotherSharingTheSecret() throws Exception {
        ServerCookies westus2 = ServerCookies.of(SHARED, clock);
        ServerCookies westeurope = ServerCookies.of(SHARED.clone(), clock);
        ServerCookies stranger = ServerCookies.of(HEX.parseHex("ffeeddccbbaa99887766554433221100"), clock);
        InetAddress client = InetAddress.getByName("::1");
        byte[] cookie = westus2.fresh(CLIENT, client);
        assertThat(westeurope.verifies(CLIENT, cookie, client)).isTrue();
        assertThat(stranger.verifies(CLIENT, cookie, client)).isFalse();
        assertThat(westeurope.verifies(CLIENT, cookie, InetAddress.getByName("::2"))).as("bound to the client address").isFalse();
        byte[] otherClient = CLIENT.clone();
        otherClient[0] ^= 1;
        assertThat(westeurope.verifies(otherClient, cookie, client)).as("bound to the client cookie").isFalse();
    }

    @Test
    void aCookieFromThePreviousEpochVerifiesAndOneOlderThanAnHourDoesNot() throws Exception {
        ServerCookies cookies = ServerCookies.of(SHARED, clock);
        InetAddress client = InetAddress.getByName("127.0.0.1");
        clock.advance(Duration.ofMinutes(59)); // 05:59: late in the epoch that began at 05:00
        byte[] cookie = cookies.fresh(CLIENT, client);
        clock.advance(Duration.ofMinutes(30)); // 06:29: a new epoch, a new key for new cookies
        byte[] next = cookies.fresh(CLIENT, client);
        assertThat(cookies.verifies(CLIENT, cookie, client)).as("previous epoch's key").isTrue();
        clock.advance(Duration.ofMinutes(31)); // 07:00: the first cookie is 61 minutes old
        assertThat(cookies.verifies(CLIENT, cookie, client)).isFalse();
        assertThat(cookies.verifies(CLIENT, next, client)).isTrue();
        assertThat(ServerCookies.off().verifies(CLIENT, next, client)).isFalse();
    }

    @Test
    void aCookieFromTheFutureOrWithAnotherLayoutDoesNotVerify() throws Exception {
        ServerCookies cookies = ServerCookies.of(SHARED, clock);
        InetAddress client = InetAddress.getByName("127.0.0.1");
        clock.advance(Duration.ofMinutes(10));
        byte[] cookie = cookies.fresh(CLIENT, client);
        MutableClock early = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
        assertThat(ServerCookies.of(SHARED, early).verifies(CLIENT, cookie, client)).as("10 min ahead").isFalse();
        byte[] version2 = cookie.clone();
        version2[0] = 2;
        assertThat(cookies.verifies(CLIENT, version2, client)).isFalse();
        assertThat(cookies.verifies(CLIENT, Arrays.copyOf(cookie, 24), client)).isFalse();
    }

    @Test
    void theResponderAnswersNormallyWithAFreshServerCookie() throws Exception {
        DnsResponder responder = new DnsResponder(1232, ServerIdentity.NONE, ServerCookies.of(SHARED, clock));
        DnsResponder other = new DnsResponder(1232, ServerIdentity.NONE, ServerCookies.of(SHARED, clock));
        InetAddress client = InetAddress.getLoopbackAddress();
        // client cookie alone: a normal answer and a server cookie
        Message first = answer(responder, edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(CLIENT)));
        assertThat(first.getRcode()).isEqualTo(Rcode.NOERROR);
        CookieOption got = cookie(first);
        assertThat(got.getClientCookie()).isEqualTo(CLIENT);
        byte[] server = got.getServerCookie().orElseThrow();
        assertThat(server).hasSize(16);
        assertThat(other.hasValidServerCookie(edns(query("api.tm.example.test", Type.A), 1232, 0,
                new CookieOption(CLIENT, server)).toWire(), client)).as("verifies on another director").isTrue();
        // a server cookie that does not verify: a normal answer and a fresh one that does
        byte[] forged = server.clone();
        forged[15] ^= 1;
        Message second = answer(responder, edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(CLIENT, forged)));
        assertThat(second.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(second.getSection(1)).hasSize(1);
        byte[] fresh = cookie(second).getServerCookie().orElseThrow();
        assertThat(ServerCookies.of(SHARED, clock).verifies(CLIENT, fresh, client)).isTrue();
        assertThat(responder.hasValidServerCookie(edns(query("api.tm.example.test", Type.A), 1232, 0,
                new CookieOption(CLIENT, forged)).toWire(), client)).isFalse();
        // malformed: FORMERR, with OPT
        Message malformed = new Message(responder.respond(DnsResponderTest.withOption(10, 7), client, false, snapshot,
                new SplittableRandom(1)).wire());
        assertThat(malformed.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(malformed.getOPT()).isNotNull();
        // cookies off: the option is ignored
        Message off = answer(new DnsResponder(1232), edns(query("api.tm.example.test", Type.A), 1232, 0, new CookieOption(CLIENT)));
        assertThat(off.getOPT().getOptions(EDNSOption.Code.COOKIE)).isEmpty();
    }

    private static CookieOption cookie(Message m) {
        return (CookieOption) m.getOPT().getOptions(EDNSOption.Code.COOKIE).get(0);
    }

    private Message answer(DnsResponder responder, Message query) throws Exception {
        return new Message(responder.respond(query.toWire(), InetAddress.getLoopbackAddress(), false, snapshot,
                new SplittableRandom(1)).wire());
    }
}
