package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meridian.director.demo.SimulatedGateway;
import io.meridian.director.demo.SimulatedGateway.Mode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Region-wide overrides, expiry, safety, allDown and composed health on a real director (SPEC section 7). */
class OperatingRegionsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final List<String> PROFILES = List.of("contoso", "fabrikam", "tailspin");

    @TempDir
    Path dir;
    DirectorHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    /**
     * Three priority profiles over the three gateways (regions named with {@code region:}),
     * westus2 first; {@code nodata} and {@code last} over westus2 alone; {@code twochecks} over
     * westus2 with the status and login checks, both required.
     */
    static String config(List<Integer> ports) {
        StringBuilder y = new StringBuilder("""
                dns:
                  listen: ["127.0.0.1:0"]
                  zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                http:
                  listen: "127.0.0.1:0"
                  apiToken: %s
                state:
                  file: state.json
                profiles:
                """.formatted(TOKEN));
        String monitor = "{protocol: HTTP, path: " + SimulatedGateway.STATUS_PATH
                + ", interval: 1s, timeout: 300ms, toleratedFailures: 0, retryInterval: 200ms, recoverAfter: 1}";
        for (String profile : PROFILES) {
            y.append("""
                      - name: %s
                        domain: %s.tm.example.test
                        routing: priority
                        ttl: 5s
                        monitor: %s
                        endpoints:
                    """.formatted(profile, profile, monitor));
            for (int i = 0; i < DirectorHarness.REGIONS.size(); i++) {
                String region = DirectorHarness.REGIONS.get(i);
                y.append("          - {name: %s, target: contoso-%s-01.regional.azure-api.net, region: %s, probeAddress: \"127.0.0.1:%d\"}\n"
                        .formatted(region, region, region, ports.get(i)));
            }
        }
        y.append("""
                  - name: nodata
                    domain: nodata.tm.example.test
                    redirectHost: nodata.contoso.test
                    routing: priority
                    allDown: noData
                    monitor: %s
                    endpoints:
                      - {name: westus2, target: 192.0.2.1, region: westus2, probeAddress: "127.0.0.1:%d"}
                  - name: last
                    domain: last.tm.example.test
                    redirectHost: last.contoso.test
                    routing: priority
                    allDown: lastResort
                    lastResort: 192.0.2.250
                    monitor: %s
                    endpoints:
                      - {name: westus2, target: 192.0.2.1, region: westus2, probeAddress: "127.0.0.1:%d"}
                  - name: twochecks
                    domain: twochecks.tm.example.test
                    routing: priority
                    monitor: %s
                    endpoints:
                      - name: westus2
                        target: contoso-westus2-01.regional.azure-api.net
                        region: westus2
                        probeAddress: "127.0.0.1:%d"
                        healthyWhen: all
                        monitor: [{}, {path: %s, expectBody: ok}]
                      - {name: westeurope, target: contoso-westeurope-01.regional.azure-api.net, region: westeurope,
                         probeAddress: "127.0.0.1:%d"}
                """.formatted(monitor, ports.get(0), monitor, ports.get(0), monitor, ports.get(0),
                SimulatedGateway.LOGIN_PATH, ports.get(1)));
        return y.toString();
    }

    private void started() throws Exception {
        h = DirectorHarness.start(dir, OperatingRegionsIT::config);
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
    }

    private HttpResponse<String> patchRegion(String region, String body) throws Exception {
        return h.http("PATCH", "/api/v1/regions/" + region, body, TOKEN, Map.of());
    }

    private JsonObject region(String name) throws Exception {
        return new JsonObject(h.get("/api/v1/regions").body()).getJsonArray("regions").stream()
                .map(JsonObject.class::cast).filter(r -> r.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private String answer(String profile) throws IOException {
        return h.answer(profile + ".tm.example.test");
    }

    @Test
    void aRegionLeavesEveryProfileAtOnceWithItsReasonAndComesBackWhenItsUntilPasses() throws Exception {
        started();
        for (String p : PROFILES) {
            assertThat(answer(p)).isEqualTo(host("westus2"));
        }
        Instant until = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        String change = "{\"enabled\": false, \"reason\": \"patching\", \"until\": \"" + until + "\"";
        HttpResponse<String> refused = patchRegion("westus2", change + "}");
        assertThat(refused.statusCode()).as("nodata and last have westus2 alone").isEqualTo(409);
        assertThat(new JsonObject(refused.body()).getJsonArray("profiles").getList()).containsExactly("nodata", "last");
        HttpResponse<String> r = patchRegion("westus2", change + ", \"force\": true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        // the change is applied when the PATCH returns: every profile already answers without westus2
        for (String p : PROFILES) {
            assertThat(answer(p)).as(p).isEqualTo(host("westeurope"));
        }
        JsonObject westus2 = region("westus2");
        JsonObject override = westus2.getJsonObject("override");
        assertThat(override.getBoolean("enabled")).isFalse();
        assertThat(override.getString("reason")).isEqualTo("patching");
        assertThat(Instant.parse(override.getString("until"))).isEqualTo(until);
        assertThat(override.getString("source")).isEqualTo("127.0.0.1");
        assertThat(override.getString("node")).isNotBlank();
        assertThat(override.getString("at")).isNotBlank();
        assertThat(westus2.getJsonObject("location").getDouble("lat")).isBetween(47.0, 48.0);
        assertThat(westus2.getJsonArray("endpoints").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("id") + "=" + e.getString("status") + "/" + e.getString("health")))
                .contains("contoso/westus2=disabled/online", "fabrikam/westus2=disabled/online",
                        "tailspin/westus2=disabled/online", "nodata/westus2=disabled/online");
        JsonObject endpoint = new JsonObject(h.get("/api/v1/profiles/contoso").body()).getJsonArray("endpoints")
                .getJsonObject(0);
        assertThat(endpoint.getString("region")).isEqualTo("westus2");
        assertThat(endpoint.getJsonObject("regionOverride").getString("reason")).isEqualTo("patching");
        JsonObject resolved = new JsonObject(h.get("/api/v1/resolve?name=contoso.tm.example.test").body());
        assertThat(resolved.getString("explanation")).contains("westus2 disabled with region westus2 (patching, until "
                + until);
        JsonObject event = new JsonObject(h.get("/api/v1/events?limit=1").body()).getJsonArray("events").getJsonObject(0);
        assertThat(event.getString("kind")).isEqualTo("operator");
        assertThat(event.getString("what")).startsWith("region westus2 disabled until " + until);
        assertThat(event.getString("reason")).isEqualTo("patching");

        await().atMost(DEADLINE).until(() -> answer("contoso").equals(host("westus2")));
        assertThat(Instant.now()).as("not back before its until").isAfterOrEqualTo(until);
        for (String p : PROFILES) {
            assertThat(answer(p)).as(p).isEqualTo(host("westus2"));
        }
        assertThat(region("westus2").getValue("override")).isNull();
        assertThat(new JsonObject(h.get("/api/v1/events?limit=20").body()).getJsonArray("events").stream()
                .map(JsonObject.class::cast).map(e -> e.getString("what"))).contains("region westus2 lapsed at its until");
    }

    @Test
    void aChangeThatWouldLeaveAProfileWithNothingEnabledIsRefusedUnlessForced() throws Exception {
        started();
        assertThat(patchRegion("westeurope", "{\"enabled\": false}").statusCode()).isEqualTo(200);
        assertThat(patchRegion("eastasia", "{\"enabled\": false}").statusCode()).isEqualTo(200);
        String before = h.get("/api/v1/regions").body();
        byte[] state = Files.readAllBytes(dir.resolve("state.json"));

        HttpResponse<String> refused = patchRegion("westus2", "{\"enabled\": false, \"reason\": \"oops\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonObject body = new JsonObject(refused.body());
        assertThat(body.getJsonArray("profiles").getList())
                .containsExactly("contoso", "fabrikam", "tailspin", "nodata", "last", "twochecks");
        assertThat(body.getString("error")).contains("force");
        assertThat(h.get("/api/v1/regions").body()).as("nothing changed").isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("state.json"))).isEqualTo(state);
        assertThat(answer("contoso")).isEqualTo(host("westus2"));

        HttpResponse<String> endpoint = h.http("PATCH", "/api/v1/profiles/nodata/endpoints/westus2",
                "{\"enabled\": false}", TOKEN, Map.of());
        assertThat(endpoint.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(endpoint.body()).getJsonArray("profiles").getList()).containsExactly("nodata");

        assertThat(patchRegion("westus2", "{\"enabled\": false, \"force\": true}").statusCode()).isEqualTo(200);
        assertThat(h.query("contoso.tm.example.test", Type.A).getSection(Section.ANSWER)).isEmpty();
        assertThat(patchRegion("westus2", "{\"enabled\": true}").statusCode()).isEqualTo(200);
        assertThat(answer("contoso")).isEqualTo(host("westus2"));
    }

    @Test
    void aRestartKeepsTheOverridesThatHaveNotLapsedAndDropsTheOnesThatHave() throws Exception {
        started();
        Instant soon = Instant.now().plusSeconds(2);
        assertThat(patchRegion("westus2", "{\"enabled\": false, \"force\": true, \"until\": \"" + soon + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(h.http("PATCH", "/api/v1/profiles/fabrikam/endpoints/westeurope", "{\"enabled\": false, \"reason\": "
                + "\"drain\", \"until\": \"" + Instant.now().plusSeconds(3600) + "\"}", TOKEN, Map.of()).statusCode())
                .isEqualTo(200);
        h.undeploy();
        await().atMost(DEADLINE).until(() -> Instant.now().isAfter(soon));

        h.deploy();
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
        assertThat(region("westus2").getValue("override")).isNull();
        assertThat(answer("contoso")).isEqualTo(host("westus2"));
        JsonObject westeurope = new JsonObject(h.get("/api/v1/profiles/fabrikam").body()).getJsonArray("endpoints")
                .getJsonObject(1);
        assertThat(westeurope.getString("status")).isEqualTo("disabled");
        assertThat(westeurope.getJsonObject("override").getString("reason")).isEqualTo("drain");
    }

    @Test
    void whenAllIsDownNoDataAnswersNothingAndLastResortItsTargetOverDnsAndHttp() throws Exception {
        assumeTrue(onPath("dig"), "dig is not installed (.ci/run installs dnsutils)");
        started();
        h.gateway("westus2").mode(Mode.FAILING);
        await().atMost(DEADLINE).until(() -> h.get("/metrics").body()
                .contains("meridian_profile_all_down{profile=\"nodata\"} 1.0"));
        int port = h.director.dnsAddresses().get(0).getPort();

        String nodata = dig(port, "nodata.tm.example.test");
        assertThat(nodata).contains("status: NOERROR").contains("ANSWER: 0").contains("AUTHORITY: 1");
        assertThat(h.query("nodata.tm.example.test", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        HttpResponse<String> unavailable = h.http("GET", "/x", null, null, Map.of("Host", "nodata.contoso.test"));
        assertThat(unavailable.statusCode()).isEqualTo(503);

        String last = dig(port, "last.tm.example.test");
        assertThat(last).contains("status: NOERROR").containsPattern("last\\.tm\\.example\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+192\\.0\\.2\\.250");
        HttpResponse<String> redirect = h.http("GET", "/x?y=1", null, null, Map.of("Host", "last.contoso.test"));
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).hasValue("http://192.0.2.250/x?y=1");

        String metrics = h.get("/metrics").body();
        assertThat(metrics).contains("meridian_profile_all_down{profile=\"last\"} 1.0")
                .contains("meridian_profile_fail_open{profile=\"nodata\"} 0.0")
                .contains("meridian_profile_fail_open{profile=\"last\"} 0.0")
                .contains("meridian_profile_all_down{profile=\"contoso\"} 0.0");
        JsonObject explained = new JsonObject(h.get("/api/v1/resolve?name=last.tm.example.test").body());
        assertThat(explained.getString("explanation")).contains("allDown lastResort").contains("192.0.2.250");
        assertThat(explained.getBoolean("allDown")).isTrue();
        JsonObject profile = new JsonObject(h.get("/api/v1/profiles/nodata").body());
        assertThat(profile.getString("allDown")).isEqualTo("noData");
        assertThat(profile.getBoolean("allEndpointsDown")).isTrue();
        assertThat(profile.getBoolean("failOpen")).isFalse();

        h.gateway("westus2").mode(Mode.HEALTHY);
        await().atMost(DEADLINE).until(() -> dig(h.director.dnsAddresses().get(0).getPort(), "last.tm.example.test")
                .contains("192.0.2.1"));
    }

    @Test
    void aTwoMonitorEndpointWithAllDegradesWhenEitherFails() throws Exception {
        started();
        assertThat(answer("twochecks")).isEqualTo(host("westus2"));

        h.gateway("westus2").failLogin();
        await().atMost(DEADLINE).until(() -> answer("twochecks").equals(host("westeurope")));
        assertThat(answer("contoso")).as("the status check alone still passes").isEqualTo(host("westus2"));
        JsonObject westus2 = new JsonObject(h.get("/api/v1/profiles/twochecks").body()).getJsonArray("endpoints")
                .getJsonObject(0);
        assertThat(westus2.getString("health")).isEqualTo("degraded");
        JsonArray monitors = westus2.getJsonArray("monitors");
        assertThat(monitors.getJsonObject(0).getString("status")).isEqualTo("online");
        assertThat(monitors.getJsonObject(1).getString("status")).isEqualTo("degraded");
        assertThat(monitors.getJsonObject(1).getString("probe")).contains(SimulatedGateway.LOGIN_PATH);
        assertThat(westus2.getJsonObject("healthyWhen")).isEqualTo(new JsonObject().put("required", 2).put("of", 2));
        String explanation = new JsonObject(h.get("/api/v1/resolve?name=twochecks.tm.example.test").body())
                .getString("explanation");
        assertThat(explanation).contains("westus2 monitors (2 of 2 must pass)").contains("/login/health degraded");
        JsonObject health = new JsonObject(h.get("/api/v1/events?limit=50").body()).getJsonArray("events").stream()
                .map(JsonObject.class::cast).filter(e -> e.getString("kind").equals("health")).findFirst().orElseThrow();
        assertThat(health.getString("what")).isEqualTo("twochecks/westus2 online -> degraded");

        h.gateway("westus2").recover();
        await().atMost(DEADLINE).until(() -> answer("twochecks").equals(host("westus2")));
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        started();
        String before = h.get("/api/v1/regions").body();

        assertThat(patchRegion("mars", "{\"enabled\": false}").statusCode()).isEqualTo(404);
        assertThat(h.get("/api/v1/regions/mars").statusCode()).isEqualTo(404);
        assertThat(patchRegion("westus2", "{\"enabled\": fals").statusCode()).isEqualTo(400);
        assertThat(patchRegion("westus2", "{\"enabled\": false, \"until\": \"2020-01-01T00:00:00Z\"}").statusCode())
                .isEqualTo(400);
        assertThat(patchRegion("westus2", "{\"enabled\": false, \"until\": \"next tuesday\"}").statusCode()).isEqualTo(400);
        assertThat(h.http("PATCH", "/api/v1/profiles/contoso/endpoints/westus2", "{\"enabled\": false, \"until\": \"x\"}",
                TOKEN, Map.of()).statusCode()).isEqualTo(400);
        assertThat(h.http("PATCH", "/api/v1/regions/westus2", "{\"enabled\": false}", "wrong", Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(h.http("POST", "/api/v1/alertmanager", "{\"version\": \"4\", \"alerts\": []}", "wrong", Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(h.http("POST", "/api/v1/alertmanager", "{\"version\": \"4\", \"alerts\": [{}]}", TOKEN, Map.of())
                .statusCode()).isEqualTo(400);
        String big = "{\"enabled\": false, \"reason\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(patchRegion("westus2", big).statusCode()).isEqualTo(413);
        String huge = "{\"version\": \"4\", \"alerts\": [], \"pad\": \"" + "x".repeat(1100 * 1024) + "\"}";
        assertThat(h.http("POST", "/api/v1/alertmanager", huge, TOKEN, Map.of()).statusCode()).isEqualTo(413);
        assertThat(h.get("/api/v1/events?limit=0").statusCode()).isEqualTo(400);
        assertThat(h.get("/api/v1/events?limit=ten").statusCode()).isEqualTo(400);

        assertThat(h.get("/api/v1/regions").body()).isEqualTo(before);
        assertThat(answer("contoso")).isEqualTo(host("westus2"));
    }

    @Test
    void alertmanagerNotificationsDegradeWhatTheirLabelsNameUntilResolved() throws Exception {
        started();
        String firing = """
                {"version": "4", "status": "firing", "receiver": "meridian", "alerts": [
                  {"status": "firing", "labels": {"alertname": "GatewayErrors", "meridian_region": "westus2"},
                   "startsAt": "2026-12-02T03:58:00Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "aa01"},
                  {"status": "firing", "labels": {"alertname": "DiskFull", "instance": "x"}, "fingerprint": "aa02"},
                  {"status": "firing", "labels": {"alertname": "Typo", "meridian_region": "westus9"}, "fingerprint": "aa03"}
                ]}""";
        HttpResponse<String> r = h.http("POST", "/api/v1/alertmanager", firing, TOKEN, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject result = new JsonObject(r.body());
        assertThat(result.getInteger("matched")).isEqualTo(1);
        assertThat(result.getInteger("ignored")).isEqualTo(1);
        assertThat(result.getJsonArray("unknown").getList()).containsExactly("meridian_region=westus9");
        assertThat(result.getJsonArray("degrading").getList()).contains("contoso/westus2", "twochecks/westus2");
        for (String p : PROFILES) {
            assertThat(answer(p)).as(p).isEqualTo(host("westeurope"));
        }
        assertThat(region("westus2").getJsonArray("alerts").getList()).containsExactly("GatewayErrors");
        assertThat(new JsonObject(h.get("/api/v1/resolve?name=contoso.tm.example.test").body()).getString("explanation"))
                .contains("westus2 degraded by alert GatewayErrors");
        assertThat(h.get("/metrics").body()).contains("meridian_alertmanager_alerts_total{result=\"unknown\"} 1.0")
                .contains("meridian_alertmanager_alerts_total{result=\"ignored\"} 1.0");

        String resolved = firing.replace("\"status\": \"firing\", \"labels\": {\"alertname\": \"GatewayErrors\"",
                "\"status\": \"resolved\", \"labels\": {\"alertname\": \"GatewayErrors\"");
        assertThat(h.http("POST", "/api/v1/alertmanager", resolved, TOKEN, Map.of()).statusCode()).isEqualTo(200);
        assertThat(answer("contoso")).isEqualTo(host("westus2"));
        assertThat(Files.readString(dir.resolve("state.json"), StandardCharsets.UTF_8)).contains("\"alert\" : \"aa01\"");
    }

    private static String dig(int port, String name) throws Exception {
        Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", Integer.toString(port), "+time=2", "+tries=1", name, "A")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
    }
}
