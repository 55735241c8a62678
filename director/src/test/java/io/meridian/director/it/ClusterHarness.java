package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Directors of one cluster as child processes of the real jar, on loopback, each probing from
 * its own source address (127.0.0.N), in front of simulated gateways in this JVM. Ports are
 * picked free; DNS and HTTP ports are read from each director's log.
 */
final class ClusterHarness implements AutoCloseable {
    static final Path JAR = Path.of("target/meridian.jar");
    static final String SECRET = "it-cluster-secret-0123456789";
    static final String NAME = "contoso.tm.example.test";
    private static final Pattern DNS_PORT = Pattern.compile("DNS listening on /?[0-9.]+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP listening on [0-9.]+:(\\d+)");

    /** One director: its config, its process while it runs, and the ports it listens on. */
    final class Node {
        final String name;
        final String source;
        final int clusterPort;
        final Path config;
        Process process;
        Path log;
        int dnsPort;
        int httpPort;
        int starts;

        Node(String name, String source, int clusterPort) {
            this.name = name;
            this.source = source;
            this.clusterPort = clusterPort;
            this.config = dir.resolve(name + ".yaml");
        }

        void start(String secret) throws IOException {
            log = dir.resolve(name + "-" + (++starts) + ".log");
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m", "-jar", JAR.toString(), "run", "--config",
                    config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("MERIDIAN_CLUSTER_SECRET", secret);
            process = pb.start();
            processes.add(process);
        }

        /** Waits until it listens and is ready; reads its ports. */
        void awaitReady() {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String text = Files.readString(log);
                assertThat(process.isAlive()).as("%s exited early: %s", name, text).isTrue();
                Matcher dns = DNS_PORT.matcher(text);
                Matcher web = HTTP_PORT.matcher(text);
                if (!dns.find() || !web.find() || !text.contains("cluster: " + name + " listening")) {
                    return false;
                }
                dnsPort = Integer.parseInt(dns.group(1));
                httpPort = Integer.parseInt(web.group(1));
                return true;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: leaves the cluster cleanly
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        HttpResponse<String> http(String method, String path, String body, String token) throws Exception {
            return http(method, path, body, token, null);
        }

        /** @param contentType the body's Content-Type, or null for none */
        HttpResponse<String> http(String method, String path, String body, String token, String contentType)
                throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws Exception {
            return http("GET", path, null, null);
        }

        JsonObject json(String path) throws Exception {
            return new JsonObject(get(path).body());
        }

        Message query(String name, int type) throws IOException {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
            resolver.setTimeout(Duration.ofSeconds(2));
            return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
        }

        /** The first answer's rdata (a CNAME target with its dot), or "" for none. */
        String answer() throws IOException {
            List<Record> answers = query(NAME, Type.A).getSection(Section.ANSWER);
            return answers.isEmpty() ? "" : answers.get(0).rdataToString();
        }

        long ttl() throws IOException {
            return query(NAME, Type.A).getSection(Section.ANSWER).get(0).getTTL();
        }

        String logText() throws IOException {
            return Files.readString(log);
        }
    }

    final Path dir;
    final Vertx vertx = Vertx.vertx();
    final List<SimulatedGateway> gateways = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ClusterHarness(Path dir) {
        this.dir = dir;
    }

    /** Starts the gateways and {@code n} directors (d1..dn, probing from 127.0.0.1..n), and waits until all see all. */
    static ClusterHarness start(Path dir, int n) throws Exception {
        ClusterHarness h = new ClusterHarness(dir);
        for (String region : DirectorHarness.REGIONS) {
            h.gateways.add(DirectorHarness.await(new SimulatedGateway(h.vertx, region, "127.0.0.1", 0).start()));
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ports.add(freePort());
        }
        for (int i = 1; i <= n; i++) {
            h.nodes.add(h.new Node("d" + i, "127.0.0." + i, ports.get(i - 1)));
        }
        for (Node node : h.nodes) {
            Files.writeString(node.config, h.config(node, Function.identity()));
            node.start(SECRET);
        }
        for (Node node : h.nodes) {
            node.awaitReady();
        }
        for (Node node : h.nodes) {
            await().atMost(Duration.ofSeconds(30)).until(() -> node.json("/api/v1/cluster").getJsonArray("members")
                    .stream().map(JsonObject.class::cast).filter(m -> m.getBoolean("reachable")).count() == n);
        }
        return h;
    }

    Node node(String name) {
        return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElseThrow();
    }

    SimulatedGateway gateway(String region) {
        return gateways.get(DirectorHarness.REGIONS.indexOf(region));
    }

    /** The shared profile of {@link DirectorHarness#priorityConfig}, with this director's node-local keys; {@code edit} changes the text. */
    String config(Node node, Function<String, String> edit) {
        List<Integer> gatewayPorts = gateways.stream().map(SimulatedGateway::actualPort).toList();
        StringBuilder members = new StringBuilder();
        for (Node n : nodes) {
            members.append(members.length() == 0 ? "" : ", ").append("\"127.0.0.1:").append(n.clusterPort).append('"');
        }
        String base = DirectorHarness.priorityConfig(gatewayPorts, "")
                .replace("  file: state.json", "  file: " + dir.resolve(node.name + "-state.json"))
                .replace("profiles:\n", """
                        cluster:
                          node: %s
                          listen: "127.0.0.1:%d"
                          members: [%s]
                          secret: ${MERIDIAN_CLUSTER_SECRET}
                          probeSource: %s
                        profiles:
                        """.formatted(node.name, node.clusterPort, members, node.source));
        return edit.apply(base);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            p.waitFor(20, TimeUnit.SECONDS);
        }
        DirectorHarness.await(vertx.close());
    }
}
