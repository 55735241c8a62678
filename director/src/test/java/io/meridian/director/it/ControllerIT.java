package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway;
import io.meridian.director.demo.SimulatedGateway.Mode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller end to end: overrides over health, shared probes, one state per request. */
class ControllerIT {
    private static final String NAME = "contoso.tm.example.test";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    DirectorHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private JsonObject endpoint(String profile, String name) throws Exception {
        JsonObject p = new JsonObject(h.get("/api/v1/profiles/" + profile).body());
        return p.getJsonArray("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private int patch(String profile, String endpoint, boolean enabled) throws Exception {
        return h.http("PATCH", "/api/v1/profiles/" + profile + "/endpoints/" + endpoint,
                "{\"enabled\": " + enabled + "}", TOKEN, Map.of()).statusCode();
    }

    @Test
    void aDisabledEndpointKeepsItsProbedHealthAndReEnablingItWhileBrokenDoesNotRouteToIt() throws Exception {
        h = DirectorHarness.start(dir, ports -> DirectorHarness.priorityConfig(ports, ""));
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
        assertThat(patch("contoso", "westus2", false)).isEqualTo(200);
        assertThat(h.answer(NAME)).isEqualTo(host("westeurope"));

        h.gateway("westus2").mode(Mode.FAILING);
        await().atMost(DEADLINE).until(() -> "degraded".equals(endpoint("contoso", "westus2").getString("health")));
        JsonObject disabled = endpoint("contoso", "westus2");
        assertThat(disabled.getString("status")).isEqualTo("disabled");
        assertThat(disabled.getString("lastError")).contains("BAD_STATUS");

        assertThat(patch("contoso", "westus2", true)).isEqualTo(200);
        JsonObject reEnabled = endpoint("contoso", "westus2");
        assertThat(reEnabled.getString("status")).isEqualTo("degraded");
        assertThat(reEnabled.getValue("override")).isNull();
        for (int i = 0; i < 20; i++) { // answers straight after the re-enable, and for a while: never the broken one
            assertThat(h.answer(NAME)).isEqualTo(host("westeurope"));
        }

        h.gateway("westus2").mode(Mode.HEALTHY);
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westus2")));
        assertThat(endpoint("contoso", "westus2").getString("health")).isEqualTo("online");
    }

    @Test
    void threeProfilesOverOneGatewayProbeItOncePerInterval() throws Exception {
        h = DirectorHarness.start(dir, ports -> threeProfilesOverOneGateway(ports.get(0)));
        SimulatedGateway gateway = h.gateway("westus2");
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());

        long before = gateway.statusRequests();
        long start = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(5)).atMost(DEADLINE).until(() -> true); // let five 1 s intervals pass
        double seconds = (System.nanoTime() - start) / 1e9;
        long probes = gateway.statusRequests() - before;

        // one probe (not three) per interval, +-10% jitter and the window's edges
        assertThat(probes).isBetween((long) Math.floor(seconds * 0.8) - 1, (long) Math.ceil(seconds * 1.2) + 1);
        JsonObject one = endpoint("one", "westus2");
        assertThat(one.getJsonArray("sharedWith").getList()).containsExactlyInAnyOrder("two/westus2", "three/westus2");
        assertThat(h.get("/metrics").body()).contains(
                "meridian_probe_duration_seconds_count{endpoint=\"westus2\",outcome=\"success\",profile=\"three\"}");
    }

    @Test
    void everyResponseDuringReloadsComesFromOneConfig() throws Exception {
        h = DirectorHarness.start(dir, ports -> generation(ports, 'A'));
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
        List<Integer> ports = h.ports();
        AtomicBoolean reloading = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> mixed = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<?> redirects = clients.submit(() -> {
                for (int i = 0; i < 2_000 && reloading.get(); i++) {
                    HttpResponse<String> r = h.http("GET", "/x", null, null,
                            Map.of("Host", "api.contoso.test", "X-Forwarded-Proto", "https"));
                    // generation A: no proxy trusted, westus2 first, ttl 10; B: proxy trusted, westeurope, ttl 20
                    String shape = r.headers().firstValue("Location").orElse("?") + " "
                            + r.headers().firstValue("Cache-Control").orElse("?");
                    seen.add(shape);
                    if (!shape.equals("http://contoso-westus2-01.regional.azure-api.net/x max-age=10")
                            && !shape.equals("https://contoso-westeurope-01.regional.azure-api.net/x max-age=20")) {
                        synchronized (mixed) {
                            mixed.add(shape);
                        }
                    }
                }
                return null;
            });
            Future<?> profiles = clients.submit(() -> {
                for (int i = 0; i < 1_000 && reloading.get(); i++) {
                    JsonObject p = new JsonObject(h.get("/api/v1/profiles").body()).getJsonArray("profiles").getJsonObject(0);
                    JsonArray endpoints = p.getJsonArray("endpoints");
                    int westus2Priority = endpoints.getJsonObject(0).getInteger("priority");
                    long ttl = p.getLong("ttlSeconds");
                    if (!(ttl == 10 && westus2Priority == 1) && !(ttl == 20 && westus2Priority == 9)) {
                        synchronized (mixed) {
                            mixed.add("profile ttl " + ttl + " with westus2 at priority " + westus2Priority);
                        }
                    }
                }
                return null;
            });
            for (int i = 0; i < 40; i++) {
                Files.writeString(h.configFile, generation(ports, i % 2 == 0 ? 'B' : 'A'));
                assertThat(h.http("POST", "/api/v1/reload", null, TOKEN, Map.of()).statusCode()).isEqualTo(200);
            }
            reloading.set(false);
            redirects.get(60, TimeUnit.SECONDS);
            profiles.get(60, TimeUnit.SECONDS);
        } finally {
            reloading.set(false);
            clients.shutdownNow();
        }
        assertThat(mixed).isEmpty();
        assertThat(seen).as("both generations were served").hasSize(2);
    }

    /** Generation A or B of the config: they differ in proxy trust, first endpoint and TTL, all at once. */
    private static String generation(List<Integer> ports, char which) {
        String config = DirectorHarness.priorityConfig(ports, "");
        if (which == 'A') {
            return config;
        }
        return config.replace("apiToken: " + TOKEN, "apiToken: " + TOKEN + "\n  trustForwardedFor: true")
                .replace("ttl: 10s", "ttl: 20s")
                .replace("priority: 1\n", "priority: 9\n");
    }

    /** Three priority profiles whose westus2 endpoints probe the same gateway the same way. */
    private static String threeProfilesOverOneGateway(int port) {
        StringBuilder y = new StringBuilder("""
                dns:
                  listen: ["127.0.0.1:0"]
                  zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                http:
                  listen: "127.0.0.1:0"
                state:
                  file: state.json
                profiles:
                """);
        for (String name : List.of("one", "two", "three")) {
            y.append("""
                      - name: %s
                        domain: %s.tm.example.test
                        routing: priority
                        monitor: {protocol: HTTP, path: /status-0123456789abcdef, interval: 1s, timeout: 300ms}
                        endpoints:
                          - {name: westus2, target: contoso-westus2-01.regional.azure-api.net, probeAddress: "127.0.0.1:%d"}
                    """.formatted(name, name, port));
        }
        return y.toString();
    }
}
