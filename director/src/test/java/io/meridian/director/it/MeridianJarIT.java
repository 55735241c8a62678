package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The real fat jar in a child process: run, stop with SIGTERM, restart, SIGHUP, validate. */
class MeridianJarIT {
    private static final Path JAR = Path.of("target/meridian.jar");
    private static final Pattern DNS_PORT = Pattern.compile("DNS listening on /?127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final String NAME = "contoso.tm.example.test";

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path config;

    @BeforeEach
    void gateways() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (String region : DirectorHarness.REGIONS) {
            ports.add(DirectorHarness.await(new SimulatedGateway(vertx, region, "127.0.0.1", 0).start()).actualPort());
        }
        config = dir.resolve("meridian.yaml");
        Files.writeString(config, DirectorHarness.priorityConfig(ports, ""));
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        DirectorHarness.await(vertx.close());
    }

    @Test
    void operatorDisableSurvivesAProcessRestartAndSigtermExitsCleanly() throws Exception {
        Running first = start("first.log");
        // a cold JVM's first probe may miss the 300 ms timeout; the next one brings westus2 back
        await().atMost(Duration.ofSeconds(10)).until(() -> answer(first).equals(DirectorHarness.host("westus2")));

        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(first.url("/api/v1/profiles/contoso/endpoints/westus2"))
                .header("Authorization", "Bearer " + DirectorHarness.TOKEN)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(answer(first)).isEqualTo(DirectorHarness.host("westeurope"));

        first.process.destroy(); // SIGTERM
        assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        Running second = start("second.log");
        assertThat(answer(second)).isEqualTo(DirectorHarness.host("westeurope"));
    }

    @Test
    void sighupReloadsTheConfig() throws Exception {
        Running running = start("hup.log");
        Files.writeString(config, Files.readString(config).replace("priority: 1", "priority: 9"));
        new ProcessBuilder("kill", "-HUP", Long.toString(running.process.pid())).start().waitFor(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(answer(running)).isEqualTo(DirectorHarness.host("westeurope")));
        assertThat(Files.readString(running.log)).contains("config reloaded");
    }

    @Test
    void validateExitsTwoWithOneLinePerProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(config).replace("ttl: 10s", "ttl: -1s").replace("priority: 2", "priority: 1"));
        Process p = new ProcessBuilder("java", "-jar", JAR.toString(), "validate", "--config", bad.toString())
                .redirectErrorStream(true).start();
        processes.add(p);
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.lines().filter(l -> l.startsWith(bad.toString() + ":"))).hasSize(2);

        Process ok = new ProcessBuilder("java", "-jar", JAR.toString(), "validate", "--config", config.toString()).start();
        processes.add(ok);
        assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).isZero();
    }

    private Running start(String logName) throws IOException {
        Path log = dir.resolve(logName);
        Process p = new ProcessBuilder("java", "-jar", JAR.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        int[] ports = new int[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String text = Files.readString(log);
            Matcher dns = DNS_PORT.matcher(text);
            Matcher web = HTTP_PORT.matcher(text);
            if (!p.isAlive() || !dns.find() || !web.find()) {
                assertThat(p.isAlive()).as("meridian run exited early: %s", text).isTrue();
                return false;
            }
            ports[0] = Integer.parseInt(dns.group(1));
            ports[1] = Integer.parseInt(web.group(1));
            return true;
        });
        Running running = new Running(p, log, ports[0], ports[1]);
        await().atMost(Duration.ofSeconds(15)).until(() -> http.send(HttpRequest.newBuilder(running.url("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return running;
    }

    private static String answer(Running running) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", running.dnsPort));
        resolver.setTimeout(Duration.ofSeconds(2));
        List<Record> answers = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(NAME, Name.root), Type.A,
                DClass.IN))).getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : answers.get(0).rdataToString();
    }

    private record Running(Process process, Path log, int dnsPort, int httpPort) {
        URI url(String path) {
            return URI.create("http://127.0.0.1:" + httpPort + path);
        }
    }
}
