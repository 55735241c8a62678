package io.meridian.probes;

import static io.meridian.probes.ProbeRunner.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS probes against a gateway with a self-signed certificate for gw.example.test made in the test. */
class TlsProbeIT {
    private static final MonitorSettings HTTPS = new MonitorSettings(MonitorSettings.Protocol.HTTPS, "/ok",
            ProbeRunner.HTTP.interval(), ProbeRunner.HTTP.timeout(), 0, ProbeRunner.HTTP.retryInterval(), 1,
            ProbeRunner.HTTP.expectedStatusCodes(), "", Map.of(), true);

    private static Vertx vertx;
    private static ScriptedGateway gateway;
    private static TestCertificates certificates;

    @BeforeAll
    static void startGateway() throws Exception {
        vertx = Vertx.vertx();
        certificates = TestCertificates.selfSigned("gw.example.test");
        gateway = new ScriptedGateway(vertx, certificates.keyCert);
        gateway.start().await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static ProbeOutcome probe(MonitorOptions options, String hostName, MonitorSettings settings)
            throws Exception {
        try (ProbeRunner runner = new ProbeRunner(vertx, options)) {
            return runner.run(target(hostName, gateway.port(), settings));
        }
    }

    @Test
    void verifiedAgainstTheDefaultTrustAnUntrustedCertificateIsATlsFailure() throws Exception {
        ProbeOutcome outcome = probe(MonitorOptions.defaults(), "gw.example.test", HTTPS);
        assertThat(outcome.failure()).as(outcome.toString()).isEqualTo(FailureKind.TLS);
    }

    @Test
    void trustedCertificateWithTheRightNameSucceedsAndSendsSniAndHost() throws Exception {
        ProbeOutcome outcome = probe(MonitorOptions.defaults().withTrust(certificates.trust), "gw.example.test", HTTPS);
        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(gateway.serverNames).contains("gw.example.test");
        assertThat(gateway.hosts).contains("gw.example.test:" + gateway.port());
    }

    @Test
    void keepAliveReusesTheVerifiedConnection() throws Exception {
        int before = gateway.connections.get();
        try (ProbeRunner runner = new ProbeRunner(vertx, MonitorOptions.defaults().withTrust(certificates.trust)
                .withKeepAlive(true))) {
            for (int i = 0; i < 3; i++) {
                ProbeOutcome outcome = runner.run(target("gw.example.test", gateway.port(), HTTPS));
                assertThat(outcome.success()).as(outcome.toString()).isTrue();
            }
        }
        assertThat(gateway.connections.get() - before).isEqualTo(1);
    }

    @Test
    void trustedCertificateForAnotherNameIsATlsFailure() throws Exception {
        ProbeOutcome outcome = probe(MonitorOptions.defaults().withTrust(certificates.trust), "other.example.test",
                HTTPS);
        assertThat(outcome.failure()).as(outcome.toString()).isEqualTo(FailureKind.TLS);
    }

    @Test
    void hostHeaderOverrideIsAlsoTheSniNameAndTheVerifiedName() throws Exception {
        MonitorSettings withHost = HTTPS.withHttp("/ok", "", Map.of("Host", "gw.example.test"), true);
        ProbeOutcome outcome = probe(MonitorOptions.defaults().withTrust(certificates.trust), "other.example.test",
                withHost);
        assertThat(outcome.success()).as(outcome.toString()).isTrue();
    }

    @Test
    void withoutVerificationAnyCertificateAndNameIsAccepted() throws Exception {
        ProbeOutcome outcome = probe(MonitorOptions.defaults(), "other.example.test",
                HTTPS.withHttp("/ok", "", Map.of(), false));
        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(gateway.serverNames).contains("other.example.test");
    }
}
