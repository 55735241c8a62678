package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway.Mode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The director end to end, in-process: gateways fail and recover, operators act, config reloads. */
class DirectorIT {
    private static final String NAME = "contoso.tm.example.test";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    DirectorHarness h;

    @BeforeEach
    void start() throws Exception {
        h = DirectorHarness.start(dir, ports -> DirectorHarness.priorityConfig(ports, ""));
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void answersTheFirstPriorityAuthoritativelyWithTheProfileTtl() throws Exception {
        Message response = h.query(NAME, Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getType()).isEqualTo(Type.CNAME);
            assertThat(r.getTTL()).isEqualTo(10);
            assertThat(r.rdataToString()).isEqualTo(host("westus2"));
        });
        assertThat(h.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void failsOverWhenAGatewayAnswers500AndComesBackWhenItRecovers() throws Exception {
        h.gateway("westus2").mode(Mode.FAILING);
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westeurope")));

        h.gateway("westus2").mode(Mode.HEALTHY);
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westus2")));

        JsonObject westus2 = endpoint("westus2");
        assertThat(westus2.getJsonObject("counters").getLong("transitions")).isGreaterThanOrEqualTo(3);
        assertThat(westus2.getString("lastError")).contains("BAD_STATUS");
    }

    @Test
    void failsOverWhenAGatewayHangsPastTheTimeout() throws Exception {
        h.gateway("westus2").mode(Mode.HANGING);
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westeurope")));
        assertThat(endpoint("westus2").getString("lastError")).contains("TIMEOUT");
    }

    @Test
    void failsOverWhenAGatewayStopsAndRecoversWhenItIsBack() throws Exception {
        h.stop("westus2");
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westeurope")));
        assertThat(endpoint("westus2").getString("status")).isEqualTo("degraded");

        h.restart("westus2");
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westus2")));
    }

    @Test
    void failsOpenWhenEveryGatewayIsDownAndSaysSoInMetrics() throws Exception {
        h.gateways.forEach(g -> g.mode(Mode.FAILING));
        await().atMost(DEADLINE).until(() -> h.get("/api/v1/profiles/contoso").body().contains("\"failOpen\" : true"));

        assertThat(h.answer(NAME)).isEqualTo(host("westus2"));
        assertThat(h.get("/metrics").body()).contains("meridian_profile_fail_open{profile=\"contoso\"} 1.0");
    }

    @Test
    void operatorDisableAppliesAtOnceAndSurvivesARestart() throws Exception {
        HttpResponse<String> patched = h.http("PATCH", "/api/v1/profiles/contoso/endpoints/westus2",
                "{\"enabled\": false}", TOKEN, Map.of());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(patched.body()).getString("status")).isEqualTo("disabled");
        assertThat(h.answer(NAME)).isEqualTo(host("westeurope"));
        assertThat(Files.readString(dir.resolve("state.json"))).contains("westus2");

        h.undeploy();
        h.deploy();
        assertThat(h.answer(NAME)).isEqualTo(host("westeurope"));
        JsonObject westus2 = endpoint("westus2");
        assertThat(westus2.getJsonObject("override").getBoolean("enabled")).isFalse();
        assertThat(westus2.getString("status")).isEqualTo("disabled");
        // still probed while disabled
        await().atMost(DEADLINE).until(() -> "online".equals(endpoint("westus2").getString("health")));

        h.http("PATCH", "/api/v1/profiles/contoso/endpoints/westus2", "{\"enabled\": true}", TOKEN, Map.of());
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westus2")));
    }

    @Test
    void apiErrorsAreJsonWithTheRightStatus() throws Exception {
        String path = "/api/v1/profiles/contoso/endpoints/westus2";
        assertThat(h.http("PATCH", path, "{\"enabled\": false}", null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(h.http("PATCH", path, "{\"enabled\": false}", "wrong", Map.of()).statusCode()).isEqualTo(401);
        assertThat(h.http("PATCH", path, "{not json", TOKEN, Map.of()).statusCode()).isEqualTo(400);
        assertThat(h.http("PATCH", path, "{\"enabled\": \"no\"}", TOKEN, Map.of()).statusCode()).isEqualTo(400);
        assertThat(h.http("PATCH", "/api/v1/profiles/contoso/endpoints/mars", "{\"enabled\": false}", TOKEN, Map.of())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = h.get("/api/v1/profiles/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("error")).contains("nope");
        assertThat(h.answer(NAME)).isEqualTo(host("westus2"));
    }

    @Test
    void redirectKeepsSchemePathAndQuery() throws Exception {
        HttpResponse<String> r = h.http("GET", "/orders/42?expand=items&x=1", null, null, Map.of("Host", "api.contoso.test"));

        assertThat(r.statusCode()).isEqualTo(307);
        assertThat(r.headers().firstValue("Location"))
                .hasValue("http://contoso-westus2-01.regional.azure-api.net/orders/42?expand=items&x=1");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=10");
    }

    @Test
    void behindATrustedProxyTheRedirectFollowsItsSchemeAndClient() throws Exception {
        String config = Files.readString(h.configFile);
        Files.writeString(h.configFile, config.replace("apiToken: " + TOKEN, "apiToken: " + TOKEN + "\n  trustForwardedFor: true"));
        assertThat(h.http("POST", "/api/v1/reload", null, TOKEN, Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> r = h.http("GET", "/x", null, null,
                Map.of("Host", "api.contoso.test", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.7"));
        assertThat(r.headers().firstValue("Location")).hasValue("https://contoso-westus2-01.regional.azure-api.net/x");

        HttpResponse<String> noHeader = h.http("GET", "/x", null, null, Map.of("Host", "api.contoso.test"));
        assertThat(noHeader.headers().firstValue("Location")).hasValue("http://contoso-westus2-01.regional.azure-api.net/x");
    }

    @Test
    void redirectIs503WhenNoEndpointIsEnabled() throws Exception {
        for (String region : DirectorHarness.REGIONS.subList(0, 2)) {
            h.http("PATCH", "/api/v1/profiles/contoso/endpoints/" + region, "{\"enabled\": false}", TOKEN, Map.of());
        }
        String last = "/api/v1/profiles/contoso/endpoints/" + DirectorHarness.REGIONS.get(2);
        assertThat(h.http("PATCH", last, "{\"enabled\": false}", TOKEN, Map.of()).statusCode())
                .as("the safety rule: the last enabled endpoint").isEqualTo(409);
        assertThat(h.http("PATCH", last, "{\"enabled\": false, \"force\": true}", TOKEN, Map.of()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> r = h.http("GET", "/", null, null, Map.of("Host", "api.contoso.test"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(h.query(NAME, Type.A).getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void resolveExplainsTheAnswer() throws Exception {
        JsonObject r = new JsonObject(h.get("/api/v1/resolve?name=" + NAME + "&type=A&client=198.51.100.7").body());
        assertThat(r.getString("rcode")).isEqualTo("NOERROR");
        assertThat(r.getJsonArray("endpoints").getList()).containsExactly("westus2");
        assertThat(r.getJsonArray("answer").getString(0)).contains("CNAME").contains(host("westus2"));
        assertThat(r.getString("explanation")).isNotBlank();
        assertThat(h.get("/api/v1/resolve?name=" + NAME + "&type=BOGUS").statusCode()).isEqualTo(400);
        assertThat(h.get("/api/v1/resolve?name=" + NAME + "&client=198.51.100.7/99").statusCode()).isEqualTo(400);
        JsonObject subnet = new JsonObject(h.get("/api/v1/resolve?name=" + NAME + "&client=198.51.100.7/24").body());
        assertThat(subnet.getString("rcode")).isEqualTo("NOERROR");
        assertThat(subnet.getInteger("scopePrefix")).isZero(); // priority does not depend on the client
    }

    @Test
    void fileEditReloadsWithoutRestartAndAnInvalidFileChangesNothing() throws Exception {
        String config = Files.readString(h.configFile);
        Files.writeString(h.configFile, config.replace("priority: 1", "priority: 9"));
        await().atMost(DEADLINE).until(() -> h.answer(NAME).equals(host("westeurope")));
        assertThat(h.get("/metrics").body()).containsPattern("meridian_config_reloads_total\\{result=\"success\"} [1-9]");

        Files.writeString(h.configFile, config.replace("ttl: 10s", "ttl: banana"));
        HttpResponse<String> rejected = h.http("POST", "/api/v1/reload", null, TOKEN, Map.of());
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(rejected.body()).getJsonArray("problems").getString(0))
                .startsWith(h.configFile.toString() + ":").contains("ttl");
        assertThat(h.answer(NAME)).isEqualTo(host("westeurope"));
        assertThat(h.get("/metrics").body()).containsPattern("meridian_config_reloads_total\\{result=\"failure\"} [1-9]");
    }

    @Test
    void metricsHoldEverySeriesOfTheSpec() throws Exception {
        h.answer(NAME);
        String metrics = h.get("/metrics").body();
        assertThat(metrics).contains(
                "meridian_probe_duration_seconds_bucket{endpoint=\"westus2\",outcome=\"success\",profile=\"contoso\"",
                "meridian_endpoint_up{endpoint=\"westus2\",profile=\"contoso\"} 1.0",
                "meridian_endpoint_transitions_total{endpoint=\"westus2\",profile=\"contoso\",to=\"online\"}",
                "meridian_dns_queries_total{profile=\"contoso\",qtype=\"A\",rcode=\"NOERROR\"}",
                "meridian_dns_request_duration_seconds_count",
                "meridian_dns_request_duration_seconds_bucket{le=\"+Inf\"}",
                "meridian_dns_dropped_total",
                "meridian_routing_answers_total{endpoint=\"westus2\",profile=\"contoso\"}",
                "meridian_profile_fail_open{profile=\"contoso\"} 0.0",
                "jvm_memory_used_bytes");
        promtoolAccepts(metrics);
    }

    @Test
    void probeLoadAndCapacityAreInTheApiAndTheMetrics() throws Exception {
        JsonObject probes = new JsonObject(h.get("/api/v1/probes").body());
        assertThat(probes.getInteger("endpoints")).isEqualTo(3);
        assertThat(probes.getLong("capacityPerSecond")).isPositive();
        assertThat(probes.getBoolean("overloaded")).isFalse();
        assertThat(probes.getDouble("stretch")).isEqualTo(1.0);
        // the load is renewed every second: the demand shows once the first window has ended
        await().atMost(DEADLINE).until(() -> new JsonObject(h.get("/api/v1/probes").body())
                .getLong("demandPerSecond") > 0);
        await().atMost(DEADLINE).until(() -> h.get("/metrics").body()
                .contains("meridian_probe_schedule_lag_seconds_bucket{le=\"0.1\"}"));
        String metrics = h.get("/metrics").body();
        assertThat(metrics).contains("meridian_probe_overload 0.0", "meridian_probe_schedule_stretch 1.0",
                "meridian_probe_capacity ", "meridian_probe_demand ", "meridian_probe_loop_delay_seconds ",
                "meridian_probe_excused_timeouts_total 0.0");
        promtoolAccepts(metrics);
    }

    /**
     * {@code promtool check metrics} (Debian's prometheus package; .ci/run installs it) must
     * parse the exposition (exit 1 is a parse error) and find nothing to lint in our own
     * series; its remarks on the JVM binders' names are Micrometer's.
     */
    private static void promtoolAccepts(String metrics) throws Exception {
        Process which = new ProcessBuilder("bash", "-c", "command -v promtool").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(which.waitFor() == 0, "promtool is not installed");
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String report = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(report).isNotEqualTo(1);
        assertThat(report.lines().filter(l -> l.startsWith("meridian_"))).as(report).isEmpty();
    }

    private JsonObject endpoint(String name) throws Exception {
        JsonObject profile = new JsonObject(h.get("/api/v1/profiles/contoso").body());
        return profile.getJsonArray("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(name)).findFirst().orElseThrow();
    }
}
