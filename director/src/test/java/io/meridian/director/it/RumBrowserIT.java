package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A real browser runs {@code /rum.js}: headless Chromium loads a shop page (its own origin,
 * allowed by CORS) that includes the script; the simulated gateways answer their beacons with
 * a delay per region; the samples the browser posts reach the table and flip the DNS answer for
 * the loopback client network from the model's choice (priority: westus2, the client is not in
 * the GeoIP database) to the region measured fastest (eastasia).
 */
class RumBrowserIT {
    private static final String NAME = "contoso.tm.example.test";
    private static final int PAGE_LOADS = 3;

    @TempDir
    Path dir;
    private final Vertx shopVertx = Vertx.vertx();
    private DirectorHarness h;
    private Chromium chromium;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (h != null) {
            h.close();
        }
        DirectorHarness.await(shopVertx.close());
    }

    @Test
    void samplesFromABrowserFlipTheAnswerForItsNetwork() throws Exception {
        String missing = Chromium.missing();
        assumeTrue(missing == null, missing);
        chromium = Chromium.start(Files.createDirectories(dir.resolve("chromium-profile")), 1024, 768);
        browser = chromium.driver();
        int[] directorPort = new int[1];
        HttpServer shop = DirectorHarness.await(shopVertx.createHttpServer().requestHandler(r -> r.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><title>shop</title><p>shop</p><script async src=\"http://127.0.0.1:"
                        + directorPort[0] + "/rum.js\"></script>")).listen(0, "127.0.0.1"));
        String origin = "http://127.0.0.1:" + shop.actualPort();
        h = DirectorHarness.start(dir, ports -> DirectorHarness.priorityConfig(ports, "")
                .replace("routing: priority", "routing: performance")
                .replace("state:\n", latency(origin, ports) + "state:\n"));
        directorPort[0] = h.director.httpPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> h.director.port().snapshot().ready());
        assertThat(h.answer(NAME)).as("the model: 127.0.0.1 is not located, so priority").isEqualTo(host("westus2"));

        h.gateway("westus2").delay(200);
        h.gateway("westeurope").delay(120);
        for (int i = 0; i < PAGE_LOADS; i++) {
            browser.get(origin + "/?visit=" + i);
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(
                    ((JavascriptExecutor) browser).executeScript("return window.meridianRum && window.meridianRum.done")));
            Object status = ((JavascriptExecutor) browser).executeScript("return window.meridianRum.status");
            assertThat(status).as("the POST's status, error: %s",
                    ((JavascriptExecutor) browser).executeScript("return window.meridianRum.error")).isEqualTo(202L);
        }

        JsonArray regions = new JsonObject(h.get("/api/v1/latency?client=127.0.0.1").body())
                .getJsonObject("network").getJsonArray("regions");
        Map<String, Double> rtt = new HashMap<>();
        for (int i = 0; i < regions.size(); i++) {
            JsonObject r = regions.getJsonObject(i);
            assertThat(r.getInteger("samples")).isEqualTo(PAGE_LOADS);
            assertThat(r.getBoolean("usable")).isTrue();
            rtt.put(r.getString("region"), r.getDouble("rttMs"));
        }
        assertThat(rtt.get("westus2")).isGreaterThanOrEqualTo(200);
        assertThat(rtt.get("westeurope")).isGreaterThanOrEqualTo(120).isLessThan(rtt.get("westus2"));
        assertThat(rtt.get("eastasia")).isLessThan(rtt.get("westeurope"));
        assertThat(h.answer(NAME)).as("measured fastest from 127.0.0.0/24").isEqualTo(host("eastasia"));
    }

    private static String latency(String origin, java.util.List<Integer> ports) {
        StringBuilder y = new StringBuilder("latency:\n  minSamples: " + PAGE_LOADS + "\n  allowedOrigins: [\"" + origin
                + "\"]\n  beacons:\n");
        for (int i = 0; i < DirectorHarness.REGIONS.size(); i++) {
            y.append("    ").append(DirectorHarness.REGIONS.get(i)).append(": \"http://127.0.0.1:").append(ports.get(i))
                    .append(SimulatedGateway.BEACON_PATH).append("\"\n");
        }
        return y.toString();
    }
}
