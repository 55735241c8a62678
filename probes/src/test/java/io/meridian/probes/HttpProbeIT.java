package io.meridian.probes;

import static io.meridian.probes.ProbeRunner.HTTP;
import static io.meridian.probes.ProbeRunner.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP probes against a scripted gateway on loopback; every failure kind reported as such. On JDK NIO, as here,
 * every probe goes through a Netty channel; {@link EpollHttpProbeIT} runs the same tests on native epoll, where a
 * fresh plain-HTTP probe goes on a raw socket instead ({@link EpollHttpConnection}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpProbeIT {
    Vertx vertx;
    private ScriptedGateway gateway;

    /** The Vert.x the probes and the gateway run on. */
    Vertx newVertx() {
        return Vertx.vertx();
    }

    @BeforeAll
    void startGateway() throws Exception {
        vertx = newVertx();
        gateway = new ScriptedGateway(vertx, null);
        gateway.start().await(10, TimeUnit.SECONDS);
    }

    int gatewayPort() {
        return gateway.port();
    }

    @AfterAll
    void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private ProbeOutcome probe(String path, String expectBody, boolean keepAlive) throws Exception {
        try (ProbeRunner runner = new ProbeRunner(vertx, MonitorOptions.defaults().withKeepAlive(keepAlive))) {
            return runner.run(target("gw.example.test", gateway.port(),
                    HTTP.withHttp(path, expectBody, Map.of("X-Probe", "meridian"), true)));
        }
    }

    @ParameterizedTest(name = "keepAlive={0}")
    @ValueSource(booleans = {false, true})
    void okIsASuccessWithStatusAndLatency(boolean keepAlive) throws Exception {
        ProbeOutcome outcome = probe("/ok", "", keepAlive);
        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.latency()).isPositive().isLessThan(HTTP.timeout());
        assertThat(gateway.hosts).contains("gw.example.test:" + gateway.port());
    }

    @Test
    void serverErrorIsBadStatus() throws Exception {
        ProbeOutcome outcome = probe("/fail", "", false);
        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_STATUS);
        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.error()).isEqualTo("status 500 (expected: 200-299)");
    }

    @Test
    void redirectIsNotFollowedAndIsBadStatus() throws Exception {
        ProbeOutcome outcome = probe("/redirect", "", false);
        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_STATUS);
        assertThat(outcome.statusCode()).isEqualTo(302);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        ProbeOutcome outcome = probe("/slow", "", false);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(outcome.latency()).isGreaterThanOrEqualTo(HTTP.timeout());
    }

    @Test
    void closedConnectionIsAReset() throws Exception {
        ProbeOutcome outcome = probe("/reset", "", false);
        assertThat(outcome.failure()).as(outcome.toString()).isEqualTo(FailureKind.RESET);
    }

    @Test
    void bodyWithAndWithoutTheExpectedText() throws Exception {
        assertThat(probe("/body", "\"OK\"", false).success()).isTrue();
        ProbeOutcome mismatch = probe("/body", "healthy", false);
        assertThat(mismatch.failure()).isEqualTo(FailureKind.BODY_MISMATCH);
        assertThat(mismatch.error()).isEqualTo("body does not contain \"healthy\" in its first 16 bytes");
    }

    @Test
    void theExpectedTextIsFoundAcrossChunks() throws Exception {
        ProbeOutcome outcome = probe("/chunked", "\"OK\"", false);
        assertThat(outcome.success()).as(outcome.toString()).isTrue();
    }

    @Test
    void anInformationalAnswerIsSkippedForTheRealOne() throws Exception {
        ProbeOutcome outcome = probe("/continue", "fine", false);
        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "keepAlive={0}")
    @ValueSource(booleans = {false, true})
    void keepAliveReusesOneConnectionEvenAfterAnErrorPageAndFreshOpensOnePerProbe(boolean keepAlive)
            throws Exception {
        int before = gateway.connections.get();
        try (ProbeRunner runner = new ProbeRunner(vertx, MonitorOptions.defaults().withKeepAlive(keepAlive))) {
            for (String path : new String[] {"/ok", "/fail", "/ok", "/body"}) {
                ProbeOutcome outcome = runner.run(target("gw.example.test", gateway.port(), HTTP.withHttp(path, "", Map.of(), true)));
                assertThat(outcome.statusCode()).as(outcome.toString()).isIn(200, 500);
            }
        }
        // the error page of /fail is read to its end, so its connection is kept for the next probe
        assertThat(gateway.connections.get() - before).isEqualTo(keepAlive ? 1 : 4);
    }

    @Test
    void aFreshProbeClosesWithAResetSoNoTimeWaitSocketStays() throws Exception {
        // a gateway of its own: the keep-alive tests' orderly closes leave TIME_WAIT sockets towards the shared one
        ScriptedGateway own = new ScriptedGateway(vertx, null);
        own.start().await(10, TimeUnit.SECONDS);
        try (ProbeRunner runner = new ProbeRunner(vertx, MonitorOptions.defaults().withKeepAlive(false))) {
            for (int i = 0; i < 5; i++) {
                ProbeOutcome outcome = runner.run(target("gw.example.test", own.port(), HTTP.withHttp("/ok", "", Map.of(), true)));
                assertThat(outcome.success()).as(outcome.toString()).isTrue();
            }
            // an orderly close leaves one TIME_WAIT socket per probe on the side that closed first (the prober
            // under load, or the gateway after Connection: close); a reset leaves none on either side
            assertThat(sockets("time-wait", port(own.port()))).isEmpty();
        } finally {
            own.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onEpollAnIpv4GatewayIsProbedFromAnIpv4SocketAndAnIpv6OneFromAnIpv6Socket() throws Exception {
        Vertx epoll = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        try {
            Assumptions.assumeTrue(epoll.isNativeTransportEnabled(),
                    () -> "no native transport: " + epoll.unavailableNativeTransportCause());
            ScriptedGateway v4 = new ScriptedGateway(epoll, null);
            v4.start("127.0.0.1").await(10, TimeUnit.SECONDS);
            ScriptedGateway v6 = new ScriptedGateway(epoll, null);
            v6.start("::1").await(10, TimeUnit.SECONDS);
            try (ProbeRunner runner = new ProbeRunner(epoll, MonitorOptions.defaults().withKeepAlive(true))) {
                MonitorSettings ok = HTTP.withHttp("/ok", "", Map.of(), true);
                assertThat(runner.run(new ProbeTarget("gw.example.test", "127.0.0.1", v4.port(), ok)).success()).isTrue();
                assertThat(runner.run(new ProbeTarget("gw.example.test", "::1", v6.port(), ok)).success()).isTrue();
                // Both connections are kept open for the next probe; their local ends say the socket's family. Netty's
                // default socket is dual-stack IPv6, where an IPv4 connection reads [::ffff:127.0.0.1].
                assertThat(sockets("established", "dport = :" + v4.port())).singleElement().asString()
                        .contains(" 127.0.0.1:").doesNotContain("::ffff:");
                assertThat(sockets("established", "dport = :" + v6.port())).singleElement().asString()
                        .contains(" [::1]:");
            }
        } finally {
            epoll.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static String port(int port) {
        return "sport = :" + port + " or dport = :" + port;
    }

    /** This host's TCP sockets in {@code state} that match the ss {@code filter}, as iproute2's ss lists them. */
    private static List<String> sockets(String state, String filter) throws Exception {
        List<String> command = new ArrayList<>(List.of("ss", "-Htan", "state", state, "("));
        command.addAll(List.of(filter.split(" ")));
        command.add(")");
        Process ss;
        try {
            ss = new ProcessBuilder(command)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("ss (iproute2) is not installed: " + e.getMessage());
            return List.of();
        }
        List<String> lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ss.exitValue()).as("ss: %s", lines).isZero();
        return lines;
    }

    @Test
    void aHugeBodyIsReadOnlyUpToTheLimit() throws Exception {
        int aborted = gateway.hugeAborted.get();
        ProbeOutcome tail = probe("/huge-tail", "MARKER", true);
        assertThat(tail.failure()).isEqualTo(FailureKind.BODY_MISMATCH);
        assertThat(tail.error()).endsWith("in its first 65536 bytes");

        ProbeOutcome head = probe("/huge-head", "MARKER", true);
        assertThat(head.success()).as(head.toString()).isTrue();

        // The gateway could only finish writing 64 MiB if the probe had read it all.
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.hugeAborted.get() == aborted + 2);
        assertThat(gateway.hugeCompleted).hasValue(0);
    }

    @Test
    void stoppedGatewayIsRefusedAndARestartedOneAnswersAgain() throws Exception {
        gateway.stop().await(10, TimeUnit.SECONDS);
        try {
            ProbeOutcome refused = probe("/ok", "", false);
            assertThat(refused.failure()).isEqualTo(FailureKind.CONNECT_REFUSED);
            assertThat(refused.error()).containsIgnoringCase("refused");
        } finally {
            gateway.start().await(10, TimeUnit.SECONDS);
        }
        assertThat(probe("/ok", "", false).success()).isTrue();
    }
}
