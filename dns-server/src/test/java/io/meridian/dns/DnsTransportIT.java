package io.meridian.dns;

import static io.meridian.dns.Queries.ecs;
import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Every UDP transport available on this machine answers the same queries with the same bytes:
 * the bytes the responder gives when called directly, over IPv4 and IPv6, with TCP alongside.
 */
class DnsTransportIT {

    private static Vertx vertx;
    private static final DnsSnapshot SNAPSHOT = Fixtures.snapshot();

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static Stream<DnsTransport> available() {
        return Arrays.stream(DnsTransport.values())
                .filter(t -> t != DnsTransport.AUTO && UdpSockets.unavailable(t) == null);
    }

    @Test
    void theTransportsExpectedOnLinuxAreAvailable() throws Exception {
        // a pure-Java transport always; the native ones where the kernel allows (this CI: all of them)
        assertThat(available()).contains(DnsTransport.BLOCKING, DnsTransport.VERTX);
        UdpSockets auto = UdpSockets.open(DnsTransport.AUTO, null, 1);
        try {
            assertThat(auto.transport()).isEqualTo(Arrays.stream(DnsTransport.AUTO_ORDER)
                    .filter(t -> UdpSockets.unavailable(t) == null).findFirst().orElseThrow());
        } finally {
            auto.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("available")
    void answersEveryQueryAsTheResponderDoes(DnsTransport transport) throws Exception {
        DnsServerOptions options = DnsServerOptions.of(List.of(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                        new InetSocketAddress(InetAddress.getByName("::1"), 0)))
                .withInstances(2).withTransport(transport);
        DnsServer server = DnsServer.create(vertx, options, new DnsResponder(1232), () -> SNAPSHOT, DnsMetrics.noop());
        server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            DnsResponder reference = new DnsResponder(1232);
            SplittableRandom random = new SplittableRandom(1);
            for (InetSocketAddress at : server.boundAddresses()) {
                for (byte[] q : queries()) {
                    byte[] expectedUdp = reference.respond(q, at.getAddress(), false, SNAPSHOT, random).wire();
                    assertThat(udp(at, q)).as("%s UDP %s", transport, at).isEqualTo(expectedUdp);
                    byte[] expectedTcp = reference.respond(q, at.getAddress(), true, SNAPSHOT, random).wire();
                    assertThat(tcp(at, q)).as("%s TCP %s", transport, at).isEqualTo(expectedTcp);
                }
            }
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Every row of the responder's table that answers, the cached shapes twice (miss, then hit). */
    private static List<byte[]> queries() {
        List<Message> m = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            m.add(query("api.tm.example.test", Type.A));
            m.add(query("ApI.Tm.Example.Test", Type.A));
            m.add(query("dual.tm.example.test", Type.AAAA));
            m.add(query("www.tm.example.test", Type.A));
            m.add(query("nx.tm.example.test", Type.A));
            m.add(query("api.tm.example.test", Type.TXT));
            m.add(query("tm.example.test", Type.SOA));
            m.add(query("example.org", Type.A));
            m.add(query("api.tm.example.test", Type.A, DClass.CH));
            m.add(query("many.tm.example.test", Type.AAAA)); // truncated over UDP
            m.add(edns(query("many.tm.example.test", Type.AAAA), 4096, 0));
            m.add(edns(query("ecs.tm.example.test", Type.A), 1232, 0, ecs("10.1.2.0", 24)));
            m.add(edns(query("ecs.tm.example.test", Type.A), 1232, 0, ecs("2001:db8:1::", 48)));
            m.add(edns(query("api.tm.example.test", Type.A), 1232, 1)); // BADVERS
            Message dnssecOk = query("api.tm.example.test", Type.A);
            dnssecOk.addRecord(new OPTRecord(1400, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
            m.add(dnssecOk);
            Message notify = query("api.tm.example.test", Type.A);
            notify.getHeader().setOpcode(4); // NOTIMP
            notify.getHeader().unsetFlag(Flags.RD);
            m.add(notify);
        }
        List<byte[]> wires = new ArrayList<>();
        m.forEach(q -> wires.add(q.toWire()));
        byte[] formErr = query("api.tm.example.test", Type.A).toWire();
        wires.add(Arrays.copyOf(formErr, formErr.length - 3)); // question cut short: FORMERR
        return wires;
    }

    private static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(query, query.length, server));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return Arrays.copyOf(buf, p.getLength());
        }
    }

    private static byte[] tcp(InetSocketAddress server, byte[] query) throws IOException {
        try (Socket s = Wire.tcp(server)) {
            Wire.writeFrame(s.getOutputStream(), query);
            return Wire.readFrame(new DataInputStream(s.getInputStream()));
        }
    }
}
