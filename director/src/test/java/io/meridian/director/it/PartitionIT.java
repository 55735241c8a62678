package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real partition: three directors, each in a network namespace of its own (198.18.0.11-13),
 * joined by a bridge (198.18.0.1, where the simulated gateways listen). Cutting the third off
 * (blackhole routes between it and the other two, both ways) leaves its probes and this test's
 * queries working ({@link Namespaces}). Skipped, with the reason, where namespaces cannot be made
 * (not root, no iproute2).
 */
class PartitionIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static final Vertx vertx = Vertx.vertx();
    static final List<SimulatedGateway> gateways = new ArrayList<>();
    static final List<Process> directors = new ArrayList<>();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static Namespaces net;

    static String address(int i) {
        return Namespaces.address(i);
    }

    @BeforeAll
    static void network() throws Exception {
        Assumptions.assumeTrue(Namespaces.available(), "network namespaces cannot be created here (needs root and iproute2)");
        net = new Namespaces(Long.toString(ProcessHandle.current().pid() % 100_000), 3).create();
        for (String region : DirectorHarness.REGIONS) {
            gateways.add(DirectorHarness.await(new SimulatedGateway(vertx, region, Namespaces.HOST, 0).start()));
        }
        List<Integer> ports = gateways.stream().map(SimulatedGateway::actualPort).toList();
        for (int i = 1; i <= 3; i++) {
            Path config = dir.resolve("p" + i + ".yaml");
            Files.writeString(config, DirectorHarness.priorityConfig(ports, "")
                    .replace("127.0.0.1:0", address(i) + ":5353").replace("\"" + address(i) + ":5353\"\n  apiToken",
                            "\"" + address(i) + ":8080\"\n  apiToken")
                    .replace("probeAddress: 127.0.0.1:", "probeAddress: 198.18.0.1:")
                    .replace("  file: state.json", "  file: " + dir.resolve("p" + i + "-state.json"))
                    .replace("profiles:\n", """
                            cluster:
                              node: p%d
                              listen: "%s:7800"
                              members: ["198.18.0.11:7800", "198.18.0.12:7800", "198.18.0.13:7800"]
                              secret: %s
                            profiles:
                            """.formatted(i, address(i), ClusterHarness.SECRET)));
            ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", net.ns(i), "java", "-Xmx384m", "-jar",
                    ClusterHarness.JAR.toAbsolutePath().toString(), "run", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("p" + i + ".log").toFile());
            directors.add(pb.start());
        }
        for (int i = 1; i <= 3; i++) {
            int n = i;
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(n, "/readyz").statusCode() == 200);
        }
        for (int i = 1; i <= 3; i++) {
            int n = i;
            await().atMost(DEADLINE).until(() -> reachable(n) == 3 && answer(n).equals(host("westus2")));
        }
    }

    @AfterAll
    static void teardown() throws Exception {
        directors.forEach(Process::destroyForcibly);
        for (Process p : directors) {
            p.waitFor(20, TimeUnit.SECONDS);
        }
        DirectorHarness.await(vertx.close());
        if (net != null) {
            net.close();
        }
    }

    @Test
    void theCutOffDirectorKeepsAnsweringTheMajorityKeepsAcceptingChangesAndAllConvergeAfterHealing() throws Exception {
        net.cut(3);
        await().atMost(DEADLINE).until(() -> !majority(3) && reachable(1) == 2 && reachable(2) == 2);
        assertThat(majority(1)).isTrue();
        assertThat(get(3, "/metrics").body()).contains("meridian_cluster_majority 0.0");

        // the majority accepts an operator change and a config change
        assertThat(patch(1, "westus2", false)).isEqualTo(200);
        Files.writeString(dir.resolve("p1.yaml"), Files.readString(dir.resolve("p1.yaml")).replace("ttl: 10s", "ttl: 30s"));
        assertThat(http("POST", 1, "/api/v1/reload").statusCode()).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> answer(2).equals(host("westeurope")) && ttl(2) == 30);

        // the minority keeps answering from its own view, and accepts a later change of its own
        for (int i = 0; i < 20; i++) {
            assertThat(answer(3)).isEqualTo(host("westus2"));
        }
        assertThat(patch(3, "eastasia", false)).isEqualTo(200);
        assertThat(patch(3, "westus2", false)).isEqualTo(200); // the same override as p1's, made later: it wins

        net.heal(3);
        await().atMost(DEADLINE).until(() -> reachable(3) == 3 && majority(3));
        await().atMost(DEADLINE).until(() -> {
            JsonObject one = profiles(1);
            return one.getString("operatorVersion").equals(profiles(2).getString("operatorVersion"))
                    && one.getString("operatorVersion").equals(profiles(3).getString("operatorVersion"))
                    && one.getString("configVersion").equals(profiles(3).getString("configVersion"));
        });
        for (int i = 1; i <= 3; i++) {
            assertThat(answer(i)).as("p%d after healing", i).isEqualTo(host("westeurope"));
            assertThat(ttl(i)).isEqualTo(30);
            assertThat(endpoint(i, "eastasia").getJsonObject("override").getString("node")).isEqualTo("p3");
            assertThat(endpoint(i, "westus2").getJsonObject("override").getString("node")).isEqualTo("p3");
        }
    }

    private static HttpResponse<String> http(String method, int i, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + address(i) + ":8080" + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> http(String method, int i, String path) throws Exception {
        return http(method, i, path, null);
    }

    private static HttpResponse<String> get(int i, String path) throws Exception {
        return http("GET", i, path);
    }

    private static int patch(int i, String endpoint, boolean enabled) throws Exception {
        return http("PATCH", i, "/api/v1/profiles/contoso/endpoints/" + endpoint, "{\"enabled\": " + enabled + "}")
                .statusCode();
    }

    private static JsonObject profiles(int i) throws Exception {
        return new JsonObject(get(i, "/api/v1/profiles").body());
    }

    private static JsonObject endpoint(int i, String name) throws Exception {
        return new JsonObject(get(i, "/api/v1/profiles/contoso").body()).getJsonArray("endpoints").stream()
                .map(JsonObject.class::cast).filter(e -> e.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static long reachable(int i) throws Exception {
        return new JsonObject(get(i, "/api/v1/cluster").body()).getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getBoolean("reachable")).count();
    }

    private static boolean majority(int i) throws Exception {
        return new JsonObject(get(i, "/api/v1/cluster").body()).getBoolean("majority");
    }

    private static Message query(int i) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(address(i), 5353));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(ClusterHarness.NAME, Name.root), Type.A,
                DClass.IN)));
    }

    private static String answer(int i) throws IOException {
        List<Record> answers = query(i).getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : answers.get(0).rdataToString();
    }

    private static long ttl(int i) throws IOException {
        return query(i).getSection(Section.ANSWER).get(0).getTTL();
    }
}
