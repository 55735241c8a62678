package io.meridian.dns;

import static io.meridian.dns.Queries.ecs;
import static io.meridian.dns.Queries.edns;
import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.DataInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

/**
 * Every UDP transport available on this machine answers the same queries with the same bytes:
 * the bytes the responder gives when called directly, over IPv4 and IPv6, with TCP alongside;
 * a burst is answered once per query; stopping frees the ports. Without the mmsg library (not
 * built, or not loadable) {@code auto} chooses blocking and logs why.
 */
class DnsTransportIT {

    private static final int BURST = 500;
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

    @Test
    void theMmsgLibraryLoadsWhereTheBuildMadeIt() {
        assumeTrue(MmsgNative.class.getResource(MmsgNative.RESOURCE) != null,
                "skipped: " + MmsgNative.RESOURCE + " was not built (no C compiler at build time), so the mmsg"
                        + " transport is not tested here; auto falls back to blocking");
        assertThat(MmsgNative.unavailable()).as("loading %s", MmsgNative.RESOURCE).isNull();
        assertThat(available()).contains(DnsTransport.MMSG);
    }

    @Test
    void withoutTheMmsgLibraryAutoChoosesBlockingAndSaysWhy() throws Exception {
        Throwable absent = MmsgNative.load("/META-INF/native/libmeridian-mmsg-absent.so");
        assertThat(absent).isInstanceOf(FileNotFoundException.class).hasMessageContaining("libmeridian-mmsg-absent.so");
        Logger logger = (Logger) LoggerFactory.getLogger(UdpSockets.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        UdpSockets auto;
        try {
            auto = UdpSockets.open(DnsTransport.AUTO, null, 1,
                    t -> t == DnsTransport.MMSG ? absent : UdpSockets.unavailable(t));
        } finally {
            logger.detachAppender(logged);
        }
        try {
            assertThat(auto.transport()).isEqualTo(DnsTransport.BLOCKING);
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("mmsg unavailable").contains("libmeridian-mmsg-absent.so"))
                    .anySatisfy(m -> assertThat(m).contains("DNS UDP transport: blocking (asked for auto)"));
        } finally {
            auto.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNamedTransportThatCannotRunFailsTheStart() {
        assertThatThrownBy(() -> UdpSockets.open(DnsTransport.MMSG, null, 1, t -> new FileNotFoundException("gone")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mmsg is unavailable here").hasMessageContaining("gone");
    }

    /** A burst sent before reading any answer: the batched transports receive and send many per call. */
    @ParameterizedTest
    @MethodSource("available")
    void answersABurstOfQueriesEachOnce(DnsTransport transport) throws Exception {
        DnsServer server = startOnLoopback(transport, 1);
        try (DatagramChannel client = DatagramChannel.open()) {
            client.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            client.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            InetSocketAddress at = server.boundAddresses().get(0);
            List<byte[]> shapes = queries();
            Map<Integer, byte[]> expected = new HashMap<>();
            DnsResponder reference = new DnsResponder(1232);
            SplittableRandom random = new SplittableRandom(1);
            for (int id = 0; id < BURST; id++) {
                byte[] q = shapes.get(id % shapes.size()).clone();
                q[0] = (byte) (id >>> 8);
                q[1] = (byte) id;
                expected.put(id, reference.respond(q, at.getAddress(), false, SNAPSHOT, random).wire());
                client.send(ByteBuffer.wrap(q), at);
            }
            Map<Integer, byte[]> received = new HashMap<>();
            ByteBuffer buf = ByteBuffer.allocate(65535);
            client.configureBlocking(false);
            Selector selector = Selector.open();
            client.register(selector, SelectionKey.OP_READ);
            while (received.size() < BURST && selector.select(10_000) > 0) {
                selector.selectedKeys().clear();
                buf.clear();
                while (client.receive(buf) != null) {
                    buf.flip();
                    byte[] r = new byte[buf.remaining()];
                    buf.get(r);
                    assertThat(received.put((r[0] & 0xff) << 8 | r[1] & 0xff, r)).as("%s: one answer per query", transport).isNull();
                    buf.clear();
                }
            }
            selector.close();
            assertThat(received.keySet()).as("%s answered every query of the burst", transport).isEqualTo(expected.keySet());
            expected.forEach((id, wire) -> assertThat(received.get(id)).as("%s query %d", transport, id).isEqualTo(wire));
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("available")
    void stoppingTheServerFreesItsPorts(DnsTransport transport) throws Exception {
        DnsServer server = startOnLoopback(transport, 2);
        InetSocketAddress at = server.boundAddresses().get(0);
        assertThat(Wire.udp(at, query("api.tm.example.test", Type.A).toWire())).isNotNull();
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // every socket closed (its receive unblocked), so the port binds again without SO_REUSEPORT
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(at);
            assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(at.getPort());
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
                    assertThat(Wire.udp(at, q)).as("%s UDP %s", transport, at).isEqualTo(expectedUdp);
                    byte[] expectedTcp = reference.respond(q, at.getAddress(), true, SNAPSHOT, random).wire();
                    assertThat(tcp(at, q)).as("%s TCP %s", transport, at).isEqualTo(expectedTcp);
                }
            }
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** A started server on 127.0.0.1, any free port, with that many sockets. */
    private static DnsServer startOnLoopback(DnsTransport transport, int instances) throws Exception {
        DnsServer server = DnsServer.create(vertx, DnsServerOptions.of(List.of(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))).withInstances(instances).withTransport(transport),
                new DnsResponder(1232), () -> SNAPSHOT, DnsMetrics.noop());
        server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server;
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

    private static byte[] tcp(InetSocketAddress server, byte[] query) throws IOException {
        try (Socket s = Wire.tcp(server)) {
            Wire.writeFrame(s.getOutputStream(), query);
            return Wire.readFrame(new DataInputStream(s.getInputStream()));
        }
    }
}
