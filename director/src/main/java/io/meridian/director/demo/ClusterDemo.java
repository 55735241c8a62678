package io.meridian.director.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
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

/**
 * {@code meridian demo --nodes 3}: the three simulated gateways in this process, and three (2..5)
 * directors as one cluster, each its own process (so one can be killed), each a name server of
 * the demo zone and probing from its own loopback address (127.0.0.1, .2, .3) so a gateway can
 * fail for one of them only. Blocking: run it from the command line's thread.
 */
public final class ClusterDemo {
    static final String SECRET = "meridian-demo-cluster-secret";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    /**
     * Where everything listens: {@link #defaults} for the command line (what the docs say), free
     * ports for tests.
     */
    public record Ports(List<Integer> dns, List<Integer> http, List<Integer> cluster, List<Integer> gateways) {
        public Ports {
            dns = List.copyOf(dns);
            http = List.copyOf(http);
            cluster = List.copyOf(cluster);
            gateways = List.copyOf(gateways);
        }

        /** DNS 5353.., HTTP 8080.., cluster 7801.., gateways 9101..9103. */
        public static Ports defaults(int count) {
            List<Integer> dns = new ArrayList<>();
            List<Integer> http = new ArrayList<>();
            List<Integer> cluster = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                dns.add(5353 + i);
                http.add(8080 + i);
                cluster.add(7801 + i);
            }
            return new Ports(dns, http, cluster, DemoConfig.REGIONS.stream().map(DemoConfig.Region::port).toList());
        }
    }

    /** One director: its name, ports, probe source, process and log. */
    public record Node(String name, int dnsPort, int httpPort, int clusterPort, String source, Process process, Path log) {
    }

    private final List<SimulatedGateway> gateways;
    private final List<Node> nodes;
    private final Path workDir;

    private ClusterDemo(List<SimulatedGateway> gateways, List<Node> nodes, Path workDir) {
        this.gateways = gateways;
        this.nodes = nodes;
        this.workDir = workDir;
    }

    /**
     * Starts the gateways and {@code ports.dns().size()} directors, each with
     * {@code java -cp CLASSPATH}, and waits until every one is ready.
     */
    public static ClusterDemo start(Vertx vertx, Path workDir, Ports ports, Path geoip, String java, String classpath)
            throws Exception {
        int count = ports.dns().size();
        List<SimulatedGateway> gateways = new ArrayList<>();
        for (int i = 0; i < DemoConfig.REGIONS.size(); i++) {
            gateways.add(new SimulatedGateway(vertx, DemoConfig.REGIONS.get(i).name(), "127.0.0.1", ports.gateways().get(i)));
        }
        Future.all(gateways.stream().map(SimulatedGateway::start).toList())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Integer> gatewayPorts = gateways.stream().map(SimulatedGateway::actualPort).toList();
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < count; i++) {
            members.append(i == 0 ? "" : ", ").append("\"127.0.0.1:").append(ports.cluster().get(i)).append('"');
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "ns" + (i + 1);
            String source = "127.0.0." + (i + 1);
            String cluster = """
                    cluster:
                      node: %s
                      listen: "127.0.0.1:%d"
                      members: [%s]
                      secret: %s
                      probeSource: %s
                    """.formatted(name, ports.cluster().get(i), members, SECRET, source);
            Path config = workDir.resolve(name + ".yaml");
            Files.writeString(config, DemoConfig.yaml("127.0.0.1:" + ports.dns().get(i), "127.0.0.1:" + ports.http().get(i),
                    geoip, workDir.resolve(name + "-state.json"), gatewayPorts, count, cluster));
            Path log = workDir.resolve(name + ".log");
            Process p = new ProcessBuilder(java, "-cp", classpath, "io.meridian.director.Main", "run", "--config",
                    config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            nodes.add(new Node(name, ports.dns().get(i), ports.http().get(i), ports.cluster().get(i), source, p, log));
        }
        ClusterDemo demo = new ClusterDemo(gateways, nodes, workDir);
        try {
            demo.awaitReady();
        } catch (Exception e) {
            demo.stopDirectors();
            throw e;
        }
        return demo;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /**
     * Polls every director's /readyz until all answer 200, then their cluster API until each
     * reaches all (directors started together may first form clusters of one, then merge); a
     * director that exits fails the start with its log.
     */
    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        for (Node n : nodes) {
            while (true) {
                if (!n.process().isAlive()) {
                    throw new IOException(n.name() + " exited: " + Files.readString(n.log()));
                }
                try {
                    HttpResponse<String> ready = get(http, n, "/readyz");
                    if (ready.statusCode() == 200 && reachable(get(http, n, "/api/v1/cluster").body()) == nodes.size()) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(n.name() + " not ready within " + START_LIMIT.toSeconds() + " s; see " + n.log());
                }
                TimeUnit.MILLISECONDS.sleep(250); // polling a child process, not synchronising threads
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, Node n, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort() + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long reachable(String clusterJson) {
        return new JsonObject(clusterJson).getJsonArray("members").stream().map(JsonObject.class::cast)
                .filter(m -> m.getBoolean("reachable")).count();
    }

    /** Ends the directors this demo started (by their process handles), then they are gone. */
    public void stopDirectors() {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            try {
                if (!n.process().waitFor(15, TimeUnit.SECONDS)) {
                    n.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                n.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The commands printed for the user, ready to paste. */
    public String instructions() {
        String z = DemoConfig.ZONE;
        Node first = nodes.get(0);
        Node second = nodes.get(1 % nodes.size());
        Node last = nodes.get(nodes.size() - 1);
        String api = "http://127.0.0.1:" + first.httpPort();
        String token = "'Authorization: Bearer " + DemoConfig.TOKEN + "'";
        int westus2 = gateways.get(0).actualPort();
        StringBuilder s = new StringBuilder();
        s.append("\nStatus pages:");
        nodes.forEach(n -> s.append(" http://127.0.0.1:").append(n.httpPort()).append("/ (").append(n.name()).append(')'));
        s.append("   (the API token is ").append(DemoConfig.TOKEN).append(")\n");
        s.append("\nMeridian cluster demo: ").append(nodes.size()).append(" directors serving ").append(z)
                .append(" as one system. Files: ").append(workDir).append("\n\n");
        for (Node n : nodes) {
            s.append(String.format("  %-4s DNS 127.0.0.1:%d  HTTP http://127.0.0.1:%d  cluster 127.0.0.1:%d  probes from %s"
                    + "  pid %d%n", n.name(), n.dnsPort(), n.httpPort(), n.clusterPort(), n.source(), n.process().pid()));
        }
        s.append("\nSimulated gateways: westus2 http://127.0.0.1:").append(westus2)
                .append(", westeurope :").append(gateways.get(1).actualPort())
                .append(", eastasia :").append(gateways.get(2).actualPort()).append("\n");
        s.append("\nAsk any director (each is one of the zone's name servers):\n");
        for (Node n : nodes) {
            s.append("  dig @127.0.0.1 -p ").append(n.dnsPort()).append(" +norec +short priority.").append(z).append(" A\n");
        }
        s.append("  curl -s ").append(api).append("/api/v1/cluster\n");
        s.append("\n1. Disable westus2 on ").append(first.name()).append(" and watch ").append(second.name())
                .append(" answer without it (within a second):\n");
        s.append("  curl -s -X PATCH -H ").append(token).append(" -d '{\"enabled\": false}' ").append(api)
                .append("/api/v1/profiles/priority/endpoints/westus2\n");
        s.append("  dig @127.0.0.1 -p ").append(second.dnsPort()).append(" +norec +short priority.").append(z).append(" A\n");
        s.append("  curl -s -X PATCH -H ").append(token).append(" -d '{\"enabled\": true}' ").append(api)
                .append("/api/v1/profiles/priority/endpoints/westus2\n");
        s.append("\n2. Make westus2 fail for ").append(second.name()).append(" only: the quorum keeps it in service\n");
        s.append("  curl -s -X POST 'http://127.0.0.1:").append(westus2).append("/_demo/refuse?source=")
                .append(second.source()).append("'\n");
        s.append("  curl -s 'http://127.0.0.1:").append(second.httpPort()).append("/api/v1/resolve?name=priority.").append(z)
                .append("'   # the explanation shows each director's vote\n");
        s.append("  dig @127.0.0.1 -p ").append(second.dnsPort()).append(" +norec +short priority.").append(z)
                .append(" A   # still westus2\n");
        s.append("  curl -s -X POST http://127.0.0.1:").append(westus2).append("/_demo/recover\n");
        s.append("\n3. Stop ").append(last.name()).append(" and watch the others carry on:\n");
        s.append("  kill ").append(last.process().pid()).append("\n");
        s.append("  curl -s ").append(api).append("/api/v1/cluster   # ").append(last.name())
                .append(" unreachable within 10 s\n");
        s.append("  dig @127.0.0.1 -p ").append(first.dnsPort()).append(" +norec +short priority.").append(z).append(" A\n");
        s.append("\nPress Ctrl-C to stop everything.\n");
        return s.toString();
    }
}
