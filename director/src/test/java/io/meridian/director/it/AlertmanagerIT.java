package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, on loopback) with Meridian as its
 * webhook receiver: an alert posted to Alertmanager's API takes its region out of the answers,
 * and resolving it brings the region back.
 */
class AlertmanagerIT {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    DirectorHarness h;
    Process alertmanager;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void anAlertFiringInAlertmanagerTakesItsRegionOutUntilItIsResolved() throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed (.ci/run installs it)");
        h = DirectorHarness.start(dir, OperatingRegionsIT::config);
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
        int port = freePort();
        startAlertmanager(port);
        String api = "http://127.0.0.1:" + port + "/api/v2/alerts";

        assertThat(post(api, alert(null))).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> h.answer("contoso.tm.example.test").equals(host("westeurope")));
        assertThat(h.answer("fabrikam.tm.example.test")).isEqualTo(host("westeurope"));
        JsonObject westus2 = new JsonObject(h.get("/api/v1/regions/westus2").body());
        assertThat(westus2.getJsonArray("alerts").getList()).containsExactly("WestUS2GatewayErrors");
        JsonObject event = new JsonObject(h.get("/api/v1/events?limit=1").body()).getJsonArray("events").getJsonObject(0);
        assertThat(event.getString("kind")).isEqualTo("alert");
        assertThat(event.getString("what")).startsWith("alert firing on region westus2 (fingerprint ");

        assertThat(post(api, alert(Instant.now().minusSeconds(1)))).isEqualTo(200); // endsAt in the past: resolved
        await().atMost(DEADLINE).until(() -> h.answer("contoso.tm.example.test").equals(host("westus2")));
        assertThat(new JsonObject(h.get("/api/v1/regions/westus2").body()).getJsonArray("alerts")).isEmpty();
    }

    private static JsonArray alert(Instant endsAt) {
        JsonObject alert = new JsonObject()
                .put("labels", new JsonObject().put("alertname", "WestUS2GatewayErrors").put("meridian_region", "westus2")
                        .put("severity", "page"))
                .put("annotations", new JsonObject().put("summary", "5xx above 5% in westus2"))
                .put("startsAt", Instant.now().minusSeconds(60).toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        return new JsonArray().add(alert);
    }

    private int post(String url, JsonArray body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    /** Short group timings, so a notification follows an alert within about a second. */
    private void startAlertmanager(int port) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: meridian
                  group_by: [alertname]
                  group_wait: 200ms
                  group_interval: 500ms
                  repeat_interval: 1h
                receivers:
                  - name: meridian
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/alertmanager
                        send_resolved: true
                        http_config:
                          authorization: {type: Bearer, credentials: %s}
                """.formatted(h.director.httpPort(), TOKEN));
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await().atMost(DEADLINE).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
