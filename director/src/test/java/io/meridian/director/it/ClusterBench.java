package io.meridian.director.it;

import io.meridian.director.demo.SimulatedGateway;
import io.meridian.director.demo.SimulatedGateway.Mode;
import io.meridian.director.it.ClusterHarness.Node;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The cluster benchmark (not a test; bench/cluster/run): three directors, real jar processes,
 * on loopback; the partition drill in network namespaces. Prints Markdown. Every loop is
 * bounded in count and time; every wait polls with a deadline.
 *
 * <p>Usage: {@code ClusterBench DIR [changes]} (default 200 override changes).
 */
public final class ClusterBench {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Three JVMs starting together on two cores, then joining. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern DNS_PORT = Pattern.compile("DNS listening on /?[0-9.]+:(\\d+)");

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("meridian-cluster-bench").toString());
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Files.createDirectories(dir);
        System.out.println("# Cluster benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores\n");
        Map<String, Long> readyMs = new LinkedHashMap<>();
        long start = System.nanoTime();
        Files.createDirectories(dir.resolve("loopback"));
        try (ClusterHarness h = ClusterHarness.start(dir.resolve("loopback"), 3)) {
            readyMs.put("3 directors started together, until all see all", (System.nanoTime() - start) / 1_000_000);
            Load load = Load.start(h.nodes);
            propagation(h, changes);
            configPropagation(h, 20);
            failoverSpread(h, 10);
            joinsAndLeaves(h, readyMs);
            load.stop("propagation, config, failover, a leave and a join (3 directors)", List.of("d3"));
            startupAndHeap(h, dir.resolve("loopback"), readyMs);
            qps(h);
        }
        if (Namespaces.available()) {
            partitionDrill(dir.resolve("netns"));
        } else {
            System.out.println("\n## Partition drill\n\nskipped: network namespaces cannot be created here (needs root)");
        }
    }

    // ---------- override propagation ----------

    private static void propagation(ClusterHarness h, int changes) throws Exception {
        Node d1 = h.node("d1");
        List<Node> peers = List.of(h.node("d2"), h.node("d3"));
        List<Double> local = new ArrayList<>();
        List<Double> remote = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            boolean enabled = i % 2 == 1;
            String expected = DirectorHarness.host(enabled ? "westus2" : "westeurope");
            long t0 = System.nanoTime();
            int status = d1.http("PATCH", "/api/v1/profiles/contoso/endpoints/westus2", "{\"enabled\": " + enabled + "}",
                    DirectorHarness.TOKEN).statusCode();
            if (status != 200) {
                throw new IllegalStateException("PATCH gave " + status);
            }
            local.add(ms(t0));
            for (Node peer : peers) {
                remote.add(until(t0, () -> answer(peer).equals(expected)));
            }
        }
        System.out.println("## Override propagation (" + changes + " changes made on d1, seen in DNS answers of d2 and d3)\n");
        System.out.println("| from PATCH sent to | n | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        row("applied on d1 (PATCH answered)", local);
        row("answered by d2 and d3", remote);
    }

    // ---------- config propagation ----------

    private static void configPropagation(ClusterHarness h, int changes) throws Exception {
        Node d1 = h.node("d1");
        List<Double> remote = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            long ttl = i % 2 == 0 ? 11 : 10;
            Files.writeString(d1.config, h.config(d1, t -> t.replace("ttl: 10s", "ttl: " + ttl + "s")));
            long t0 = System.nanoTime();
            if (d1.http("POST", "/api/v1/reload", null, DirectorHarness.TOKEN).statusCode() != 200) {
                throw new IllegalStateException("reload failed");
            }
            for (Node peer : List.of(h.node("d2"), h.node("d3"))) {
                remote.add(until(t0, () -> peer.ttl() == ttl));
            }
        }
        System.out.println("\n## Config propagation (" + changes + " edits reloaded on d1, seen in DNS TTLs of d2 and d3)\n");
        System.out.println("| from reload sent to | n | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        row("answered by d2 and d3", remote);
        // In order (d2, d3 per change), so a slow first change (cold code on the peers) shows as such.
        StringBuilder inOrder = new StringBuilder();
        for (double v : remote) {
            inOrder.append(inOrder.length() == 0 ? "" : ", ").append(Math.round(v));
        }
        System.out.println("\nin order (ms): " + inOrder);
    }

    // ---------- failover spread ----------

    private static void failoverSpread(ClusterHarness h, int rounds) throws Exception {
        SimulatedGateway westus2 = h.gateway("westus2");
        List<Double> spreads = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Node n : h.nodes) {
                until(System.nanoTime(), () -> answer(n).equals(DirectorHarness.host("westus2")));
            }
            long t0 = System.nanoTime();
            westus2.mode(Mode.FAILING);
            double[] moved = new double[h.nodes.size()];
            long deadline = System.nanoTime() + WAIT.toNanos();
            int left = h.nodes.size();
            while (left > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < moved.length; i++) {
                    if (moved[i] == 0 && answer(h.nodes.get(i)).equals(DirectorHarness.host("westeurope"))) {
                        moved[i] = ms(t0);
                        left--;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(5); // polling the directors' answers, not synchronising threads
            }
            double first = Double.MAX_VALUE;
            double last = 0;
            for (double m : moved) {
                first = Math.min(first, m == 0 ? Double.MAX_VALUE : m);
                last = Math.max(last, m == 0 ? WAIT.toMillis() : m);
            }
            firsts.add(first);
            spreads.add(last - first);
            westus2.mode(Mode.HEALTHY);
        }
        System.out.println("\n## Failover spread (" + rounds + " rounds: westus2 answers 500 to every director;"
                + " interval 1 s, timeout 300 ms, toleratedFailures 0)\n");
        System.out.println("| | n | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        row("first director off westus2, after the break", firsts);
        row("last minus first director (spread)", spreads);
    }

    // ---------- a leave and a join under load ----------

    private static void joinsAndLeaves(ClusterHarness h, Map<String, Long> readyMs) throws Exception {
        Node d3 = h.node("d3");
        d3.stop();
        long t0 = System.nanoTime();
        d3.start(ClusterHarness.SECRET);
        d3.awaitReady();
        readyMs.put("a director restarted into a running cluster, until /readyz", (System.nanoTime() - t0) / 1_000_000);
        until(System.nanoTime(), () -> d3.json("/api/v1/cluster").getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getBoolean("reachable")).count() == 3);
    }

    // ---------- start-up time and heap ----------

    private static void startupAndHeap(ClusterHarness h, Path dir, Map<String, Long> readyMs) throws Exception {
        Node alone = h.new Node("alone", "127.0.0.9", ClusterHarness.freePort());
        String config = h.config(alone, t -> t.replaceAll("(?s)cluster:\n.*?probeSource: [0-9.]+\n", ""));
        Files.writeString(alone.config, config);
        long t0 = System.nanoTime();
        alone.start(ClusterHarness.SECRET);
        awaitPorts(alone);
        readyMs.put("one director without a cluster section, until /readyz", (System.nanoTime() - t0) / 1_000_000);
        System.out.println("\n## Start-up and heap\n");
        System.out.println("| start | ms |");
        System.out.println("|---|---|");
        readyMs.forEach((what, ms) -> System.out.printf("| %s | %,d |%n", what, ms));
        System.out.println("\n| director | heap in use after a full GC, MB |");
        System.out.println("|---|---|");
        System.out.printf("| without a cluster | %.1f |%n", heapAfterGc(alone));
        System.out.printf("| in a cluster of 3 (d1) | %.1f |%n", heapAfterGc(h.node("d1")));
        alone.stop();
    }

    private static void awaitPorts(Node n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher dns = DNS_PORT.matcher(Files.readString(n.log));
            Matcher web = Pattern.compile("HTTP listening on [0-9.]+:(\\d+)").matcher(Files.readString(n.log));
            if (dns.find() && web.find()) {
                n.dnsPort = Integer.parseInt(dns.group(1));
                n.httpPort = Integer.parseInt(web.group(1));
                try {
                    if (n.get("/readyz").statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // listening any moment now
                }
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling a child process, not synchronising threads
        }
        throw new IllegalStateException(n.name + " not ready");
    }

    private static double heapAfterGc(Node n) throws Exception {
        Process gc = new ProcessBuilder("jcmd", Long.toString(n.process.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(30, TimeUnit.SECONDS);
        double bytes = 0;
        for (String line : n.get("/metrics").body().lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return bytes / 1_048_576;
    }

    // ---------- DNS QPS with the cluster on and off ----------

    private static void qps(ClusterHarness h) throws Exception {
        if (new ProcessBuilder("bash", "-c", "command -v dnsperf").start().waitFor() != 0) {
            System.out.println("\n## DNS QPS with the cluster on and off\n\nskipped: dnsperf is not installed");
            return;
        }
        Path queries = h.dir.resolve("queries.txt");
        Files.writeString(queries, String.join("\n", Collections.nCopies(100, ClusterHarness.NAME + " A")) + "\n");
        Node d1 = h.node("d1");
        List<Double> on = dnsperf(d1, queries, 3);
        d1.stop();
        Files.writeString(d1.config, h.config(d1, t -> t.replaceAll("(?s)cluster:\n.*?probeSource: [0-9.]+\n", "")
                .replace("ttl: 10s", "ttl: 11s")));
        d1.start(ClusterHarness.SECRET);
        awaitPorts(d1);
        List<Double> off = dnsperf(d1, queries, 3);
        System.out.println("\n## DNS QPS of one director, cluster on and off (same machine, the other two directors"
                + " running in both; dnsperf -c 10 -q 100, 3 x 10 s)\n");
        System.out.println("| d1 | runs (QPS) | median QPS |");
        System.out.println("|---|---|---|");
        System.out.printf("| in the cluster | %s | %,.0f |%n", on, median(on));
        System.out.printf("| alone (no cluster section) | %s | %,.0f |%n", off, median(off));
        System.out.printf("%nratio on/off: %.2f%n", median(on) / median(off));
    }

    private static List<Double> dnsperf(Node n, Path queries, int runs) throws Exception {
        List<Double> qps = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder("timeout", "40", "dnsperf", "-s", "127.0.0.1", "-p", Integer.toString(n.dnsPort),
                    "-d", queries.toString(), "-c", "10", "-q", "100", "-l", "10").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("Queries per second:\\s+([0-9.]+)").matcher(out);
            qps.add(m.find() ? Math.rint(Double.parseDouble(m.group(1))) : 0.0);
        }
        return qps;
    }

    // ---------- the partition drill ----------

    private static void partitionDrill(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (Namespaces net = new Namespaces(Long.toString(ProcessHandle.current().pid() % 100_000), 3).create();
             PartitionCluster c = PartitionCluster.start(dir, net)) {
            Load load = Load.start(c.resolvers());
            System.out.println("\n## Partition drill (3 directors in network namespaces; p3 cut off at 10 s, healed at"
                    + " 30 s; an override made on p1 at 15 s and one on p3 at 20 s)\n");
            System.out.println("| s | p1 answer | p1 majority | p2 answer | p2 majority | p3 answer | p3 majority |");
            System.out.println("|---|---|---|---|---|---|---|");
            long t0 = System.nanoTime();
            for (int second = 0; second <= 45; second++) {
                long due = t0 + TimeUnit.SECONDS.toNanos(second);
                while (System.nanoTime() < due) {
                    TimeUnit.MILLISECONDS.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
                }
                switch (second) {
                    case 10 -> net.cut(3);
                    case 15 -> c.patch(1, "westus2", false);
                    case 20 -> c.patch(3, "eastasia", false);
                    case 30 -> net.heal(3);
                    default -> { }
                }
                StringBuilder row = new StringBuilder("| ").append(second);
                for (int i = 1; i <= 3; i++) {
                    row.append(" | ").append(c.answer(i)).append(" | ").append(c.majority(i));
                }
                System.out.println(row.append(" |"));
            }
            load.stop("the partition drill (cut, changes on both sides, heal)", List.of());
            System.out.println("\nafter healing: operatorVersion " + c.versions("operatorVersion") + ", configVersion "
                    + c.versions("configVersion"));
        }
    }

    // ---------- helpers ----------

    private static double until(long t0, Check check) throws Exception {
        return until(t0, WAIT, check);
    }

    private static double until(long t0, Duration wait, Check check) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return ms(t0);
            }
            TimeUnit.MICROSECONDS.sleep(500); // polling a child process's answers, not synchronising threads
        }
        throw new IllegalStateException("not within " + wait);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static String answer(Node n) throws IOException {
        List<Record> answers = n.query(ClusterHarness.NAME, Type.A).getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : answers.get(0).rdataToString();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void row(String what, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", what, sorted.size(), percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return percentile(sorted, 0.5);
    }

    /**
     * Background DNS queries against every director (one thread each, one query at a time, 2 s
     * timeout) counting, per director, the ones lost or answered SERVFAIL: a director that is
     * stopped on purpose loses every query sent to it meanwhile (a resolver would ask another
     * name server), the others must lose none. Bounded: it runs until stopped, at most 10 minutes.
     */
    static final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> names = new ArrayList<>();
        private final List<long[]> counts = new ArrayList<>(); // sent, lost, servfail; each written by its thread
        private final List<Thread> threads = new ArrayList<>();

        static Load start(List<Node> nodes) {
            Map<String, Supplier<SimpleResolver>> resolvers = new LinkedHashMap<>();
            for (Node n : nodes) {
                resolvers.put(n.name, () -> resolver(new InetSocketAddress("127.0.0.1", n.dnsPort)));
            }
            return startResolvers(resolvers);
        }

        static Load start(Map<String, SimpleResolver> resolvers) {
            Map<String, Supplier<SimpleResolver>> each = new LinkedHashMap<>();
            resolvers.forEach((name, r) -> each.put(name, () -> r));
            return startResolvers(each);
        }

        private static Load startResolvers(Map<String, Supplier<SimpleResolver>> resolvers) {
            Load load = new Load();
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            resolvers.forEach((name, r) -> {
                long[] c = new long[3];
                load.names.add(name);
                load.counts.add(c);
                Thread t = new Thread(() -> {
                    while (load.running.get() && System.nanoTime() < end) {
                        c[0]++;
                        try {
                            Message m = r.get().send(Message.newQuery(Record.newRecord(Name.fromString(ClusterHarness.NAME,
                                    Name.root), Type.A, DClass.IN)));
                            if (m.getRcode() == Rcode.SERVFAIL) {
                                c[2]++;
                            }
                        } catch (IOException e) {
                            c[1]++;
                        }
                    }
                }, "bench-load-" + name);
                t.setDaemon(true);
                t.start();
                load.threads.add(t);
            });
            return load;
        }

        static SimpleResolver resolver(InetSocketAddress a) {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(Duration.ofSeconds(2));
            return r;
        }

        /** @param stopped the directors stopped on purpose meanwhile, said so in the table */
        void stop(String during, List<String> stopped) throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(5_000);
            }
            System.out.printf("%nDNS queries during %s:%n%n| director | sent | lost | SERVFAIL |%n|---|---|---|---|%n",
                    during);
            for (int i = 0; i < names.size(); i++) {
                long[] c = counts.get(i);
                System.out.printf("| %s%s | %,d | %,d | %,d |%n", names.get(i),
                        stopped.contains(names.get(i)) ? " (stopped and restarted meanwhile)" : "", c[0], c[1], c[2]);
            }
            System.out.println();
        }
    }

    /** Three directors in {@link Namespaces}, as in PartitionIT. */
    static final class PartitionCluster implements AutoCloseable {
        private final List<Process> directors = new ArrayList<>();
        private final List<SimulatedGateway> gateways = new ArrayList<>();
        private final Vertx vertx = Vertx.vertx();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        static PartitionCluster start(Path dir, Namespaces net) throws Exception {
            PartitionCluster c = new PartitionCluster();
            for (String region : DirectorHarness.REGIONS) {
                c.gateways.add(DirectorHarness.await(new SimulatedGateway(c.vertx, region, Namespaces.HOST, 0).start()));
            }
            List<Integer> ports = c.gateways.stream().map(SimulatedGateway::actualPort).toList();
            for (int i = 1; i <= 3; i++) {
                String a = Namespaces.address(i);
                Path config = dir.resolve("p" + i + ".yaml");
                Files.writeString(config, DirectorHarness.priorityConfig(ports, "")
                        .replaceFirst("127\\.0\\.0\\.1:0", a + ":5353").replaceFirst("127\\.0\\.0\\.1:0", a + ":8080")
                        .replace("probeAddress: 127.0.0.1:", "probeAddress: " + Namespaces.HOST + ":")
                        .replace("  file: state.json", "  file: " + dir.resolve("p" + i + "-state.json"))
                        .replace("profiles:\n", """
                                cluster:
                                  node: p%d
                                  listen: "%s:7800"
                                  members: ["198.18.0.11:7800", "198.18.0.12:7800", "198.18.0.13:7800"]
                                  secret: %s
                                profiles:
                                """.formatted(i, a, ClusterHarness.SECRET)));
                c.directors.add(new ProcessBuilder("ip", "netns", "exec", net.ns(i), "java", "-Xmx384m", "-jar",
                        ClusterHarness.JAR.toAbsolutePath().toString(), "run", "--config", config.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("p" + i + ".log").toFile()).start());
            }
            for (int i = 1; i <= 3; i++) {
                int n = i;
                until(System.nanoTime(), STARTUP, () -> {
                    try {
                        return c.get(n, "/readyz").statusCode() == 200 && c.reachable(n) == 3;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
            }
            return c;
        }

        Map<String, SimpleResolver> resolvers() {
            Map<String, SimpleResolver> resolvers = new LinkedHashMap<>();
            for (int i = 1; i <= 3; i++) {
                resolvers.put("p" + i, Load.resolver(new InetSocketAddress(Namespaces.address(i), 5353)));
            }
            return resolvers;
        }

        HttpResponse<String> send(String method, int i, String path, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + Namespaces.address(i) + ":8080" + path))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + DirectorHarness.TOKEN)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(int i, String path) throws Exception {
            return send("GET", i, path, null);
        }

        void patch(int i, String endpoint, boolean enabled) throws Exception {
            send("PATCH", i, "/api/v1/profiles/contoso/endpoints/" + endpoint, "{\"enabled\": " + enabled + "}");
        }

        long reachable(int i) throws Exception {
            return new JsonObject(get(i, "/api/v1/cluster").body()).getJsonArray("members").stream()
                    .map(JsonObject.class::cast).filter(m -> m.getBoolean("reachable")).count();
        }

        String majority(int i) throws Exception {
            return Boolean.toString(new JsonObject(get(i, "/api/v1/cluster").body()).getBoolean("majority"));
        }

        String answer(int i) throws IOException {
            SimpleResolver r = Load.resolver(new InetSocketAddress(Namespaces.address(i), 5353));
            List<Record> answers = r.send(Message.newQuery(Record.newRecord(Name.fromString(ClusterHarness.NAME, Name.root),
                    Type.A, DClass.IN))).getSection(Section.ANSWER);
            return answers.isEmpty() ? "-" : answers.get(0).rdataToString().replace("-01.regional.azure-api.net.", "")
                    .replace("contoso-", "");
        }

        String versions(String key) throws Exception {
            List<String> v = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                v.add(new JsonObject(get(i, "/api/v1/profiles").body()).getString(key));
            }
            return v.stream().distinct().count() == 1 ? "equal on all three (" + v.get(0) + ")" : "DIFFERENT " + v;
        }

        @Override
        public void close() throws Exception {
            directors.forEach(Process::destroyForcibly);
            for (Process p : directors) {
                p.waitFor(20, TimeUnit.SECONDS);
            }
            DirectorHarness.await(vertx.close());
        }
    }
}
