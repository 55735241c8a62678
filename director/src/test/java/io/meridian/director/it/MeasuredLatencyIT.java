package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.REGIONS;
import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meridian.director.demo.Demo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Measured latency end to end (SPEC section 9): measurements that contradict the model for one
 * client network (London, measured fastest to eastasia) flip the DNS answers for that network
 * (asked with ECS) and keep doing so across a restart, while other networks keep the model; bad
 * input is refused with the right status, counted, and leaves the table as it was.
 */
class MeasuredLatencyIT {
    private static final String NAME = "contoso.tm.example.test";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** MaxMind's test database: 81.2.69.160/27 London (GB-ENG), 89.160.20.112/28 Linkoping (SE), 216.160.83.56/29 US-WA. */
    private static final String LONDON = "81.2.69.160";
    private static final String SWEDEN = "89.160.20.112";
    private static final String WASHINGTON = "216.160.83.56";
    private static final String ORIGIN = "http://shop.example.test";

    @TempDir
    Path dir;
    DirectorHarness h;

    @BeforeEach
    void start() throws Exception {
        Path geoip = Demo.findTestDatabase(Path.of(""));
        assumeTrue(geoip != null, "the MaxMind test database (shared/geoip) is not above this directory");
        h = DirectorHarness.start(dir, ports -> DirectorHarness.priorityConfig(ports, "")
                .replace("routing: priority", "routing: performance")
                .replace("state:\n", "geoip:\n  database: " + geoip + "\nlatency:\n  requestsPerMinute: 3\n"
                        + "  allowedOrigins: [\"" + ORIGIN + "\"]\nstate:\n"));
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());
    }

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void measurementsForOneNetworkFlipItsAnswersOnlyAndSurviveARestart() throws Exception {
        assertThat(ecsAnswer(LONDON, 27)).isEqualTo(host("westeurope")); // the model: London is nearest to Amsterdam

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post(measurements(LONDON, Map.of("eastasia", 20.0, "westeurope", 150.0,
                    "westus2", 200.0)), TOKEN, Map.of());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(new JsonObject(r.body()).getString("network")).isEqualTo("81.2.69.0/24");
        }

        Message london = ecs(LONDON, 27);
        assertThat(london.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo(host("eastasia"));
        assertThat(scope(london)).as("the ECS scope of a network's own data").isEqualTo(24);
        assertThat(ecsAnswer(SWEDEN, 28)).as("another country keeps the model").isEqualTo(host("westeurope"));
        assertThat(ecsAnswer(WASHINGTON, 29)).isEqualTo(host("westus2"));
        assertThat(ecsAnswer("2.125.160.216", 29)).as("another GB-ENG network follows the subdivision's figures")
                .isEqualTo(host("eastasia"));

        JsonObject resolve = new JsonObject(h.get("/api/v1/resolve?name=" + NAME + "&client=" + LONDON + "/27").body());
        assertThat(resolve.getString("latencySource")).isEqualTo("network");
        assertThat(resolve.getString("explanation")).contains("measured latency of network 81.2.69.0/24")
                .contains("eastasia 20.0 ms").contains("westeurope 150.0 ms");
        JsonObject view = new JsonObject(h.get("/api/v1/latency?client=" + LONDON).body());
        assertThat(view.getJsonObject("network").getJsonArray("regions")).hasSize(3)
                .allSatisfy(r -> assertThat(((JsonObject) r).getBoolean("usable")).isTrue());
        assertThat(view.getJsonObject("country").getString("key")).isEqualTo("GB");
        assertThat(metric("meridian_routing_latency_decisions_total{source=\"network\"}")).isPositive();
        assertThat(metric("meridian_latency_samples_total{result=\"accepted\"}")).isEqualTo(15);

        h.undeploy();
        assertThat(dir.resolve("state.latency")).exists();
        h.deploy();
        await().atMost(DEADLINE).until(() -> h.director.port().snapshot().ready());

        assertThat(ecsAnswer(LONDON, 27)).as("after a restart").isEqualTo(host("eastasia"));
        assertThat(ecsAnswer(SWEDEN, 28)).isEqualTo(host("westeurope"));
    }

    @Test
    void badInputIsRefusedWithItsStatusCountedAndTakesNothing() throws Exception {
        String table = h.get("/api/v1/latency?client=127.0.0.1").body();
        String ok = "{\"samples\": [{\"region\": \"westus2\", \"rttMs\": 80}]}";
        StringBuilder thousand = new StringBuilder("{\"samples\": [");
        for (int i = 0; i < 1000; i++) {
            thousand.append(i == 0 ? "" : ",").append("{\"region\": \"westus2\", \"rttMs\": 80}");
        }
        String many = "{\"samples\": [" + String.join(",", java.util.Collections.nCopies(33,
                "{\"region\": \"westus2\", \"rttMs\": 80}")) + "]}";
        Object[][] cases = {
            {"{\"samples\": [{\"region\": \"westus2\", \"rttMs\": -1}]}", 400, "rtt"},
            {"{\"samples\": [{\"region\": \"westus2\", \"rttMs\": NaN}]}", 400, "malformed"},
            {"{\"samples\": [{\"region\": \"westus2\", \"rttMs\": 1e9}]}", 400, "rtt"},
            {"{\"samples\": [{\"region\": \"westus2\", \"rttMs\": \"fast\"}]}", 400, "rtt"},
            {many, 400, "too_many"},
            {thousand.toString(), 413, "too_large"},
            {"{\"samples\": [{\"region\": \"mars\", \"rttMs\": 80}]}", 400, "region"},
            {"{\"samples\": [{\"region\": \"westus2\", \"rttMs\": 80}", 400, "malformed"},
            {"[1, 2]", 400, "malformed"},
            {"{\"samples\": [{\"region\": \"westus2\", \"rttMs\": 80}], \"client\": \"" + LONDON + "\"}", 401,
                    "unauthorized"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = post((String) c[0], null, Map.of());
            assertThat(r.statusCode()).as("%s -> %s", c[2], r.body()).isEqualTo(c[1]);
        }
        HttpResponse<String> text = h.http("POST", "/api/v1/measurements", ok, null, Map.of("Content-Type", "text/plain"));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> foreign = h.http("POST", "/api/v1/measurements", ok, null,
                Map.of("Content-Type", "application/json", "Origin", "http://elsewhere.example.test"));
        assertThat(foreign.statusCode()).isEqualTo(403);

        assertThat(h.get("/api/v1/latency?client=127.0.0.1").body()).as("the table is unchanged").isEqualTo(table);
        assertThat(metric("meridian_latency_rejected_total{reason=\"rtt\"}")).isEqualTo(3);
        assertThat(metric("meridian_latency_rejected_total{reason=\"malformed\"}")).isEqualTo(3);
        assertThat(metric("meridian_latency_rejected_total{reason=\"too_many\"}")).isEqualTo(1);
        assertThat(metric("meridian_latency_rejected_total{reason=\"too_large\"}")).isEqualTo(1);
        assertThat(metric("meridian_latency_rejected_total{reason=\"region\"}")).isEqualTo(1);
        assertThat(metric("meridian_latency_rejected_total{reason=\"unauthorized\"}")).isEqualTo(1);
        assertThat(metric("meridian_latency_rejected_total{reason=\"content_type\"}")).isEqualTo(1);
        assertThat(metric("meridian_latency_rejected_total{reason=\"origin\"}")).isEqualTo(1);
        assertThat(metric("meridian_latency_samples_total{result=\"accepted\"}")).isZero();

        // three a minute from one source network, then 429
        for (int i = 0; i < 3; i++) {
            assertThat(post(ok, null, Map.of()).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> limited = post(ok, null, Map.of());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(metric("meridian_latency_rejected_total{reason=\"rate_limited\"}")).isEqualTo(1);
        assertThat(new JsonObject(h.get("/api/v1/latency?client=127.0.0.9").body()).getJsonObject("network")
                .getJsonArray("regions").getJsonObject(0).getInteger("samples")).isEqualTo(3);
    }

    @Test
    void browsersOnAllowedOriginsMayPostAndRumJsNamesEveryRegion() throws Exception {
        HttpResponse<String> preflight = h.http("OPTIONS", "/api/v1/measurements", null, null, Map.of(
                "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);

        HttpResponse<String> post = h.http("POST", "/api/v1/measurements",
                "{\"samples\": [{\"endpoint\": \"eastasia\", \"rttMs\": 33.3}]}", null,
                Map.of("Content-Type", "application/json", "Origin", ORIGIN));
        assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);

        HttpResponse<String> script = h.get("/rum.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        for (String region : REGIONS) {
            assertThat(script.body()).contains("\"region\":\"" + region + "\"")
                    .contains("https://contoso-" + region + "-01.regional.azure-api.net/status-0123456789abcdef");
        }
    }

    private HttpResponse<String> post(String body, String token, Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return h.http("POST", "/api/v1/measurements", body, token, all);
    }

    private static String measurements(String client, Map<String, Double> rtts) {
        JsonArray samples = new JsonArray();
        rtts.forEach((region, ms) -> samples.add(new JsonObject().put("region", region).put("rttMs", ms)));
        return new JsonObject().put("client", client).put("samples", samples).encode();
    }

    private String ecsAnswer(String address, int prefix) throws IOException {
        List<Record> answers = ecs(address, prefix).getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : answers.get(0).rdataToString();
    }

    private Message ecs(String address, int prefix) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(NAME, Name.root), Type.A, DClass.IN));
        query.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(prefix,
                InetAddress.getByName(address)))), Section.ADDITIONAL);
        SimpleResolver resolver = new SimpleResolver(h.director.dnsAddresses().get(0));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(query);
    }

    private static int scope(Message response) {
        OPTRecord opt = response.getOPT();
        for (EDNSOption o : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
            return ((ClientSubnetOption) o).getScopePrefixLength();
        }
        return -1;
    }

    private double metric(String series) throws Exception {
        String text = h.get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s in /metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

}
