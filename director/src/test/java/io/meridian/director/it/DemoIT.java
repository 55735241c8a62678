package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meridian.director.demo.Demo;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo starts, and every command it prints works as printed (dig and curl, as a user runs them). */
class DemoIT {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private Demo demo;

    @BeforeEach
    void start() throws Exception {
        Path geoip = Demo.findTestDatabase(Path.of(""));
        demo = DirectorHarness.await(Demo.start(vertx, dir, "127.0.0.1:0", "127.0.0.1:0", geoip, false));
        await().atMost(Duration.ofSeconds(15)).until(() -> demo.director().port().snapshot().ready());
    }

    @AfterEach
    void stop() throws Exception {
        DirectorHarness.await(vertx.close());
    }

    @Test
    void everyPrintedDigCommandGetsAnAuthoritativeAnswer() throws Exception {
        assumeTrue(onPath("dig"), "dig is not installed (.ci/run installs dnsutils)");
        List<String> digs = commands("dig ");
        assertThat(digs).hasSizeGreaterThanOrEqualTo(6);
        for (String dig : digs) {
            String out = shell(dig);
            assertThat(out).as(dig).contains("status: NOERROR").contains("flags: qr aa").contains("ANSWER SECTION");
        }
    }

    @Test
    void printedApiCommandsWorkAndFailingARegionMovesThePriorityAnswer() throws Exception {
        assumeTrue(onPath("curl") && onPath("dig"), "curl and dig are needed to run the printed commands");
        String priorityDig = commands("dig ").get(0);
        assertThat(shell(priorityDig)).contains("demo-westus2-01");

        for (String curl : commands("curl ")) {
            if (curl.contains("/_demo/")) {
                continue;
            }
            String out = shell("set -o pipefail; " + curl);
            assertThat(out).as(curl).isNotBlank().doesNotContainPattern("^\\{\\s*\"error\""); // API errors are {"error": ...}
        }
        String fail = commands("curl ").stream().filter(c -> c.contains("/_demo/fail")).findFirst().orElseThrow();
        shell(fail);
        await().atMost(Duration.ofSeconds(15)).until(() -> shell(priorityDig).contains("demo-westeurope-01"));

        String recover = commands("curl ").stream().filter(c -> c.contains("/_demo/recover")).findFirst().orElseThrow();
        shell(recover);
        await().atMost(Duration.ofSeconds(15)).until(() -> shell(priorityDig).contains("demo-westus2-01"));
    }

    @Test
    void printsTheStatusPageFirstAndItIsThere() throws Exception {
        assumeTrue(onPath("curl"), "curl is needed to open the printed address");
        String first = demo.instructions().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
        String page = "http://127.0.0.1:" + demo.director().httpPort() + "/";
        assertThat(first).startsWith("Status page: " + page + " ");

        assertThat(shell("curl -sf " + page)).contains("<title>Meridian status</title>");
    }

    private List<String> commands(String prefix) {
        return demo.instructions().lines().map(String::strip).filter(l -> l.startsWith(prefix))
                .map(l -> l.replaceAll("\\s+#.*$", "")).toList();
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
