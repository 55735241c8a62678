package io.meridian.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idle-connection flood as an attacker would send it: thousands of TCP connections opened
 * and left silent, far over the server's cap, with idle timeouts long enough that none expires
 * during the test. Real {@code dig +tcp} queries keep being answered all along, because at the
 * cap the server sheds the longest idle connection instead of refusing the newcomer.
 */
class TcpFloodIT {
    private static final int CAP = 200;
    private static final int FLOOD = 3000;

    static Vertx vertx;
    static DnsServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        DnsServerOptions options = DnsServerOptions.of(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)))
                .withInstances(2).withTcpIdleTimeout(Duration.ofMinutes(5)).withMaxTcpConnections(CAP);
        server = DnsServer.create(vertx, options, new DnsResponder(1232), Fixtures::snapshot, DnsMetrics.noop());
        address = Servers.start(server);
    }

    @AfterAll
    static void stop() throws Exception {
        Servers.stop(vertx, server);
    }

    @Test
    void realTcpClientsAreAnsweredThroughAnIdleConnectionFlood() throws Exception {
        assumeTrue(Dig.installed(), "dig is not installed");
        List<Socket> flood = new ArrayList<>(FLOOD);
        int answered = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            for (int i = 0; i < FLOOD && System.nanoTime() < deadline; i++) {
                Socket s = new Socket();
                s.connect(address, 5000);
                flood.add(s);
                if (i % 250 == 249) {
                    String out = dig();
                    assertThat(out).as("dig +tcp after %d idle connections", i + 1)
                            .contains("status: NOERROR").contains("ANSWER: 1,");
                    answered++;
                }
            }
            assertThat(flood).hasSize(FLOOD);
            assertThat(answered).isEqualTo(FLOOD / 250);
            // the flood displaced itself: its first connections were closed by the server, its last are open
            Socket first = flood.get(0);
            first.setSoTimeout(5000);
            assertThat(first.getInputStream().read()).as("the longest idle connection was shed").isEqualTo(-1);
            Socket last = flood.get(FLOOD - 1);
            last.setSoTimeout(300);
            assertThat(readOrTimeout(last.getInputStream())).as("the newest is still open").isEqualTo("timeout");
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        // and the server is still well: one more query over a fresh connection
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dig()).contains("ANSWER: 1,"));
    }

    private static String readOrTimeout(InputStream in) throws Exception {
        try {
            return in.read() == -1 ? "closed" : "data";
        } catch (SocketTimeoutException e) {
            return "timeout";
        }
    }

    private static String dig() throws Exception {
        return Dig.run(address.getPort(), "+tcp +time=5 +tries=1", "api.tm.example.test", "A");
    }
}
