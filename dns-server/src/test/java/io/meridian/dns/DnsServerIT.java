package io.meridian.dns;

import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.HealthView;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The real server on loopback port 0, queried by dnsjava's SimpleResolver and raw sockets. */
class DnsServerIT {

    static Vertx vertx;
    static DnsServer server;
    static InetSocketAddress v4;
    static InetSocketAddress v6;
    static final AtomicReference<DnsSnapshot> SNAPSHOT = new AtomicReference<>(Fixtures.snapshot());

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        DnsServerOptions options = DnsServerOptions.of(List.of(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                        new InetSocketAddress(InetAddress.getByName("::1"), 0)))
                .withInstances(2).withTcpIdleTimeout(Duration.ofMillis(500)).withMaxTcpConnections(100);
        server = DnsServer.create(vertx, options, new DnsResponder(1232), SNAPSHOT::get, DnsMetrics.noop());
        server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        v4 = server.boundAddresses().get(0);
        v6 = server.boundAddresses().get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static SimpleResolver resolver(InetSocketAddress at, boolean tcp) {
        SimpleResolver r = new SimpleResolver(at);
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(5));
        return r;
    }

    @Test
    void answersOverUdpAndTcpOnIpv4AndIpv6() throws Exception {
        for (InetSocketAddress at : List.of(v4, v6)) {
            for (boolean tcp : new boolean[] {false, true}) {
                Message m = resolver(at, tcp).send(query("api.tm.example.test", Type.A));
                assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
                assertThat(m.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.1");
            }
        }
        assertThat(v4.getPort()).isPositive();
    }

    @Test
    void truncatesOverUdpAndServesTheWholeAnswerOverTcp() throws Exception {
        byte[] q = query("many.tm.example.test", Type.AAAA).toWire();
        byte[] udp = Wire.udp(v4, q);
        assertThat(udp.length).isLessThanOrEqualTo(512);
        assertThat(new Message(udp).getHeader().getFlag(Flags.TC)).isTrue();
        Message tcp = resolver(v4, true).send(query("many.tm.example.test", Type.AAAA));
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(40);
    }

    @Test
    void answersOneHundredPipelinedQueriesOnOneConnection() throws Exception {
        try (Socket s = Wire.tcp(v4)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int id = 1; id <= 100; id++) {
                Message m = query(id % 2 == 0 ? "api.tm.example.test" : "nx.tm.example.test", Type.A);
                m.getHeader().setID(id);
                Wire.writeFrame(all, m.toWire());
            }
            s.getOutputStream().write(all.toByteArray());
            DataInputStream in = new DataInputStream(s.getInputStream());
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                Message r = new Message(Wire.readFrame(in));
                ids.add(r.getHeader().getID());
                assertThat(r.getRcode()).isEqualTo(r.getHeader().getID() % 2 == 0 ? Rcode.NOERROR : Rcode.NXDOMAIN);
            }
            assertThat(ids).hasSize(100);
        }
    }

    @Test
    void closesAConnectionThatSendsHalfAFrameAtTheIdleTimeout() throws Exception {
        try (Socket half = Wire.tcp(v4); Socket oversized = Wire.tcp(v4)) {
            half.getOutputStream().write(new byte[] {0});
            oversized.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});
            assertThat(half.getInputStream().read()).isEqualTo(-1);
            assertThat(oversized.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(resolver(v4, true).send(query("api.tm.example.test", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void shedsConnectionsOverTheCapAndKeepsAnswering() throws Exception {
        DnsServerOptions options = DnsServerOptions.of(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)))
                .withInstances(2).withTcpIdleTimeout(Duration.ofMinutes(5)).withMaxTcpConnections(100);
        DnsServer capped = DnsServer.create(vertx, options, new DnsResponder(1232), SNAPSHOT::get, DnsMetrics.noop());
        capped.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        InetSocketAddress at = capped.boundAddresses().get(0);
        List<SocketChannel> idle = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                SocketChannel c = SocketChannel.open(at);
                c.configureBlocking(false);
                idle.add(c);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> closedByServer(idle) == 900);
            assertThat(resolver(at, false).send(query("api.tm.example.test", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
            int freed = 0;
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16);
            for (SocketChannel c : idle) { // free ten slots: new connections get answers again
                if (freed < 10 && c.read(buf) == 0) {
                    c.close();
                    freed++;
                }
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    resolver(at, true).send(query("api.tm.example.test", Type.A)).getRcode() == Rcode.NOERROR);
        } finally {
            for (SocketChannel c : idle) {
                c.close();
            }
            capped.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** How many channels the server closed (a non-blocking read sees end of stream). */
    private static int closedByServer(List<SocketChannel> channels) throws java.io.IOException {
        int closed = 0;
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16);
        for (SocketChannel c : channels) {
            if (!c.isOpen()) {
                continue;
            }
            buf.clear();
            try {
                if (c.read(buf) == -1) {
                    closed++;
                }
            } catch (java.io.IOException e) {
                closed++; // reset by the server
            }
        }
        return closed;
    }

    @Test
    void fuzzedDatagramsNeverStopTheServer() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 3000; i++) {
                byte[] b = DnsFuzzTest.mutate(random);
                s.send(new java.net.DatagramPacket(b, b.length, v4));
            }
        }
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                resolver(v4, false).send(query("api.tm.example.test", Type.A)).getRcode() == Rcode.NOERROR);
    }

    @Test
    void answersFromARealCompiledTableAndANewSnapshotAtOnce() throws Exception {
        DnsSnapshot before = SNAPSHOT.get();
        try {
            List<Endpoint> endpoints = List.of(
                    endpoint("r1", "192.0.2.11", 1), endpoint("r2", "192.0.2.12", 2), endpoint("r3", "192.0.2.13", 3));
            ProfileDefinition p = new ProfileDefinition("prio", "prio.tm.example.test", MethodKind.PRIORITY,
                    Duration.ofSeconds(5), 1, Fallback.NONE, endpoints);
            RoutingTable healthy = RoutingTable.compile(List.of(p), HealthView.of(Map.of()), GeoLocator.none());
            SNAPSHOT.set(DnsSnapshot.of(List.of(Fixtures.ZONE), healthy));
            assertThat(answer("prio.tm.example.test")).containsExactly("192.0.2.11");
            RoutingTable r1Down = RoutingTable.compile(List.of(p),
                    HealthView.of(Map.of(new EndpointId("prio", "r1"), HealthStatus.DEGRADED)), GeoLocator.none());
            SNAPSHOT.set(DnsSnapshot.of(List.of(Fixtures.ZONE), r1Down));
            assertThat(answer("prio.tm.example.test")).containsExactly("192.0.2.12");
            assertThat(resolver(v4, false).send(query("api.tm.example.test", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        } finally {
            SNAPSHOT.set(before);
        }
    }

    private static List<String> answer(String name) throws Exception {
        return resolver(v4, false).send(query(name, Type.A)).getSection(Section.ANSWER).stream()
                .map(Record::rdataToString).toList();
    }

    private static Endpoint endpoint(String name, String ip, int priority) throws Exception {
        return new Endpoint(name, new Target.Address(InetAddress.getByName(ip), ip), null, priority, 100,
                List.of(), List.of(), true, false, null, 0);
    }

    static String read(InputStream in) throws java.io.IOException {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
