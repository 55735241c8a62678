package io.meridian.dns;

import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** NSID (RFC 5001) and the CHAOS names, mirroring the table of {@link ChaosAnswers}. */
class ServerIdentityTest {

    private static final InetAddress RESOLVER = InetAddress.getLoopbackAddress();
    private final DnsSnapshot snapshot = Fixtures.snapshot();
    private final DnsResponder named = new DnsResponder(1232,
            new ServerIdentity(Optional.of("westus2"), Optional.of("meridian 1")), ServerCookies.off());
    private final DnsResponder anonymous = new DnsResponder(1232, ServerIdentity.NONE, ServerCookies.off());

    static Stream<Arguments> chaos() {
        return Stream.of(
                Arguments.of("id.server", Type.TXT, "westus2"),
                Arguments.of("HOSTNAME.bind", Type.TXT, "westus2"),
                Arguments.of("hostname.bind", Type.ANY, "westus2"),
                Arguments.of("version.bind", Type.TXT, "meridian 1"),
                Arguments.of("version.server", Type.TXT, "meridian 1"),
                Arguments.of("id.server", Type.A, null),
                Arguments.of("authors.bind", Type.TXT, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("chaos")
    void chaosNamesAnswerTheIdentityOrAreRefused(String name, int type, String text) throws Exception {
        Message m = answer(named, query(name, type, DClass.CH));
        if (text == null) {
            assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
            return;
        }
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        TXTRecord txt = (TXTRecord) m.getSection(Section.ANSWER).get(0);
        assertThat(txt.getDClass()).isEqualTo(DClass.CH);
        assertThat(txt.getTTL()).isZero();
        assertThat(txt.getStrings()).containsExactly(text);
        assertThat(txt.getName().toString(true)).isEqualTo(name);
    }

    @Test
    void withoutIdentityEveryChaosNameIsRefused() throws Exception {
        for (String name : new String[] {"id.server", "hostname.bind", "version.bind", "version.server"}) {
            assertThat(answer(anonymous, query(name, Type.TXT, DClass.CH)).getRcode()).as(name).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void nsidIsReturnedWhenAskedAndSet() throws Exception {
        Message asked = answer(named, edns(query("api.tm.example.test", Type.A), 1232, 0, new NSIDOption(new byte[0])));
        assertThat(nsid(asked)).isEqualTo("westus2");
        assertThat(asked.getSection(Section.ANSWER)).hasSize(1);
        Message refused = answer(named, edns(query("example.org", Type.A), 1232, 0, new NSIDOption(new byte[0])));
        assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(nsid(refused)).as("also on errors: which server refused").isEqualTo("westus2");
        Message notAsked = answer(named, edns(query("api.tm.example.test", Type.A), 1232, 0));
        assertThat(notAsked.getOPT().getOptions(EDNSOption.Code.NSID)).isEmpty();
        Message unnamed = answer(anonymous, edns(query("api.tm.example.test", Type.A), 1232, 0, new NSIDOption(new byte[0])));
        assertThat(unnamed.getOPT().getOptions(EDNSOption.Code.NSID)).isEmpty();
    }

    private static String nsid(Message m) {
        byte[] option = m.getOPT().getOptions(EDNSOption.Code.NSID).get(0).toWire();
        return new String(option, 4, option.length - 4, StandardCharsets.UTF_8);
    }

    private Message answer(DnsResponder responder, Message query) throws Exception {
        return new Message(responder.respond(query.toWire(), RESOLVER, false, snapshot, new SplittableRandom(1)).wire());
    }
}
