package io.meridian.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server queried by ISC dig (package dnsutils), as resolvers and operators query it. */
class DigIT {
    private static final DnsSnapshot SNAPSHOT = Fixtures.snapshot();

    static Vertx vertx;
    static DnsServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        server = DnsServer.create(vertx,
                DnsServerOptions.of(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))).withInstances(2),
                new DnsResponder(1232, new ServerIdentity(Optional.of("westus2"), Optional.empty()),
                        ServerCookies.random(InstantSource.system())), () -> SNAPSHOT, DnsMetrics.noop());
        server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = server.boundAddresses().get(0).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersOverUdpAndTcpAuthoritativelyWithoutRecursion() throws Exception {
        for (String transport : List.of("+notcp", "+tcp")) {
            String out = dig(transport, "api.tm.example.test", "A");
            assertThat(out).contains("status: NOERROR").containsPattern("flags: qr aa rd;")
                    .containsPattern("api\\.tm\\.example\\.test\\.\\s+10\\s+IN\\s+A\\s+192\\.0\\.2\\.1");
        }
        assertThat(dig("+norec", "api.tm.example.test", "A")).containsPattern("flags: qr aa;");
    }

    @Test
    void echoesTheClientSubnetWithTheDecisionsScope() throws Exception {
        String ten = dig("+subnet=10.1.2.0/24", "ecs.tm.example.test", "A");
        assertThat(ten).contains("CLIENT-SUBNET: 10.1.2.0/24/8").containsPattern("IN\\s+A\\s+198\\.51\\.100\\.1");
        String other = dig("+subnet=192.0.2.0/24", "ecs.tm.example.test", "A");
        assertThat(other).containsPattern("IN\\s+A\\s+203\\.0\\.113\\.1");
        assertThat(dig("+subnet=10.1.2.0/24", "nx.tm.example.test", "A")).contains("CLIENT-SUBNET: 10.1.2.0/24/0");
        // data more specific than the source: the longer scope (RFC 7871 7.2.1), over UDP and TCP
        assertThat(dig("+subnet=10.1.2.0/24", "fine.tm.example.test", "A")).contains("CLIENT-SUBNET: 10.1.2.0/24/26");
        assertThat(dig("+tcp +subnet=10.1.2.0/24", "fine.tm.example.test", "A")).contains("CLIENT-SUBNET: 10.1.2.0/24/26");
        assertThat(dig("+subnet=0.0.0.0/0", "fine.tm.example.test", "A")).contains("CLIENT-SUBNET: 0.0.0.0/0/0");
    }

    @Test
    void honoursTheRequestedBufferSizeAndTruncates() throws Exception {
        String small = dig("+bufsize=512 +ignore", "many.tm.example.test", "AAAA");
        assertThat(small).containsPattern("flags: qr aa tc rd;").contains("udp: 1232");
        String big = dig("+bufsize=4096", "many.tm.example.test", "AAAA");
        assertThat(big).containsPattern("flags: qr aa rd;").contains("ANSWER: 40");
        String retried = dig("+bufsize=512", "many.tm.example.test", "AAAA"); // dig retries over TCP
        assertThat(retried).contains("ANSWER: 40");
    }

    @Test
    void preservesTheQueryNameCase() throws Exception {
        assertThat(dig("", "ApI.tM.ExAmple.TEST", "A"))
                .containsPattern("ApI\\.tM\\.ExAmple\\.TEST\\.\\s+10\\s+IN\\s+A\\s+192\\.0\\.2\\.1");
    }

    @Test
    void answersAnyMinimallyAndUnknownTypesWithNodata() throws Exception {
        assertThat(dig("", "tm.example.test", "ANY")).contains("ANSWER: 1,").containsPattern("IN\\s+SOA\\s+ns1");
        assertThat(dig("", "dual.tm.example.test", "ANY")).contains("ANSWER: 1,");
        String unknown = dig("", "api.tm.example.test", "TYPE65534");
        assertThat(unknown).contains("status: NOERROR").contains("ANSWER: 0,").contains("AUTHORITY: 1,");
        assertThat(dig("", "nx.tm.example.test", "TXT")).contains("status: NXDOMAIN")
                .containsPattern("tm\\.example\\.test\\.\\s+30\\s+IN\\s+SOA");
        assertThat(dig("", "example.org", "A")).contains("status: REFUSED");
    }

    @Test
    void onlyAnswersFromTheZoneAreAuthoritative() throws Exception {
        assertThat(dig("", "example.org", "A")).contains("status: REFUSED").containsPattern("flags: qr rd;");
        assertThat(dig("", "nx.tm.example.test", "A")).contains("status: NXDOMAIN").containsPattern("flags: qr aa rd;");
        // ISC's opcode tests: NOTIMP clears RD (and CD), as NSD does
        assertThat(dig("+opcode=5 +cdflag", "tm.example.test", "SOA")).contains("status: NOTIMP")
                .containsPattern("flags: qr;");
    }

    @Test
    void inZoneNameServersHaveTheirAddresses() throws Exception {
        assertThat(dig("", "ns1.tm.example.test", "A")).contains("status: NOERROR")
                .containsPattern("ns1\\.tm\\.example\\.test\\.\\s+3600\\s+IN\\s+A\\s+192\\.0\\.2\\.53");
        assertThat(dig("", "ns1.tm.example.test", "AAAA")).containsPattern("IN\\s+AAAA\\s+2001:db8::53");
    }

    @Test
    void aMalformedEdnsOptionGetsFormerrWithOpt() throws Exception {
        for (String option : List.of("+ednsopt=10:0102030405", "+ednsopt=8:0001")) { // COOKIE of 5 bytes, ECS of 2
            String out = dig(option, "api.tm.example.test", "A");
            assertThat(out).as(option).contains("status: FORMERR").contains("OPT PSEUDOSECTION").contains("udp: 1232");
        }
    }

    @Test
    void nsidAndChaosAnswerTheServersName() throws Exception {
        assertThat(dig("+nsid", "api.tm.example.test", "A")).containsPattern("NSID: .*\\(\"westus2\"\\)");
        assertThat(dig("", "id.server", "CH TXT")).contains("status: NOERROR")
                .containsPattern("id\\.server\\.\\s+0\\s+CH\\s+TXT\\s+\"westus2\"");
        assertThat(dig("", "hostname.bind", "CH TXT")).containsPattern("CH\\s+TXT\\s+\"westus2\"");
        assertThat(dig("", "version.bind", "CH TXT")).contains("status: REFUSED");
        assertThat(dig("", "version.server", "CH TXT")).contains("status: REFUSED");
    }

    @Test
    void aClientCookieGetsAServerCookieThatVerifiesNextTime() throws Exception {
        String first = dig("+cookie", "api.tm.example.test", "A");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("COOKIE: ([0-9a-f]{48})").matcher(first);
        assertThat(m.find()).as(first).isTrue();
        String again = dig("+cookie=" + m.group(1), "api.tm.example.test", "A");
        assertThat(again).contains("status: NOERROR").containsPattern("COOKIE: [0-9a-f]{48} \\(good\\)");
    }

    private static String dig(String options, String name, String type) throws Exception {
        return Dig.run(port, "+time=5 +tries=1", options, name, type); // type, or class and type
    }
}
