package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.ClusterDemo;
import io.meridian.director.demo.Demo;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meridian demo --nodes 3}: every printed step does what the text says (on free ports). */
class ClusterDemoIT {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private ClusterDemo demo;

    @BeforeEach
    void start() throws Exception {
        List<Integer> dns = new ArrayList<>();
        List<Integer> http = new ArrayList<>();
        List<Integer> cluster = new ArrayList<>();
        List<Integer> gateways = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dns.add(ClusterHarness.freePort());
            http.add(ClusterHarness.freePort());
            cluster.add(ClusterHarness.freePort());
            gateways.add(ClusterHarness.freePort());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        demo = ClusterDemo.start(vertx, dir, new ClusterDemo.Ports(dns, http, cluster, gateways),
                Demo.findTestDatabase(Path.of("")), java, ClusterHarness.JAR.toAbsolutePath().toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (demo != null) {
            demo.stopDirectors();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void everyPrintedStepShowsTheClusterAtWork() throws Exception {
        assumeThat(onPath("dig") && onPath("curl")).as("dig and curl run the printed commands").isTrue();
        List<String> lines = demo.instructions().lines().map(String::strip).map(l -> l.replaceAll("\\s+#.*$", "")).toList();
        List<String> digs = lines.stream().filter(l -> l.startsWith("dig ")).toList();
        String ns2 = digs.get(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> shell(ns2).contains("demo-westus2-01"));

        List<String> patches = lines.stream().filter(l -> l.contains("-X PATCH")).toList();
        shell(patches.get(0)); // 1: disable westus2 on ns1
        await().atMost(Duration.ofSeconds(1)).until(() -> shell(ns2).contains("demo-westeurope-01"));
        shell(patches.get(1));
        await().atMost(Duration.ofSeconds(1)).until(() -> shell(ns2).contains("demo-westus2-01"));

        String refuse = lines.stream().filter(l -> l.contains("/_demo/refuse")).findFirst().orElseThrow();
        String resolve = lines.stream().filter(l -> l.contains("/api/v1/resolve")).findFirst().orElseThrow();
        shell(refuse); // 2: westus2 fails for ns2 only
        await().atMost(Duration.ofSeconds(15)).until(() -> shell(resolve).contains("westus2 votes (majority): ns2 degraded"));
        assertThat(shell(ns2)).contains("demo-westus2-01");
        shell(lines.stream().filter(l -> l.contains("/_demo/recover")).findFirst().orElseThrow());

        String kill = lines.stream().filter(l -> l.startsWith("kill ")).findFirst().orElseThrow();
        shell(kill); // 3: stop ns3
        String clusterApi = lines.stream().filter(l -> l.endsWith("/api/v1/cluster")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> shell(clusterApi).replaceAll("\\s", "")
                .contains("\"name\":\"ns3\",\"address\":\"127.0.0.1:" + demo.nodes().get(2).clusterPort()
                        + "\",\"self\":false,\"reachable\":false"));
        assertThat(shell(digs.get(0))).contains("demo-westus2-01");
    }

    /** Runs a printed command as a user would; it must exit 0. */
    private static String shell(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit status of %s, output: %s", command, out).isZero();
        return out;
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
    }
}
