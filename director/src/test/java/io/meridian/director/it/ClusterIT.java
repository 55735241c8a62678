package io.meridian.director.it;

import static io.meridian.director.it.DirectorHarness.TOKEN;
import static io.meridian.director.it.DirectorHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway;
import io.meridian.director.demo.SimulatedGateway.Mode;
import io.meridian.director.it.ClusterHarness.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three directors as one system: child processes of the real jar on loopback, each probing the
 * same simulated gateways from its own source address. One cluster for the whole class; the
 * tests run in order, the last ones take directors away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static ClusterHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = ClusterHarness.start(dir, 3);
        for (Node n : h.nodes) {
            await().atMost(DEADLINE).until(() -> n.answer().equals(host("westus2")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static int patch(Node on, String endpoint, boolean enabled) throws Exception {
        return on.http("PATCH", "/api/v1/profiles/contoso/endpoints/" + endpoint, "{\"enabled\": " + enabled + "}", TOKEN)
                .statusCode();
    }

    private static JsonObject endpoint(Node on, String name) throws Exception {
        return on.json("/api/v1/profiles/contoso").getJsonArray("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void anOverrideMadeOnOneDirectorAppliesOnEveryDirectorWithinOneSecond() throws Exception {
        assertThat(patch(h.node("d1"), "westus2", false)).isEqualTo(200);
        for (Node n : h.nodes) {
            await().atMost(ONE_SECOND).until(() -> n.answer().equals(host("westeurope")));
            assertThat(endpoint(n, "westus2").getJsonObject("override").getString("node")).isEqualTo("d1");
        }
        assertThat(Files.readString(dir.resolve("d3-state.json"))).contains("westus2");

        assertThat(patch(h.node("d2"), "westus2", true)).isEqualTo(200);
        for (Node n : h.nodes) {
            await().atMost(ONE_SECOND).until(() -> n.answer().equals(host("westus2")));
        }
        assertThat(h.node("d1").json("/api/v1/profiles").getString("operatorVersion"))
                .isEqualTo(h.node("d3").json("/api/v1/profiles").getString("operatorVersion"));
    }

    @Test
    @Order(2)
    void regionOverridesAndAlertsAreClusterWide() throws Exception {
        String until = Instant.now().plusSeconds(3600).toString();
        assertThat(h.node("d2").http("PATCH", "/api/v1/regions/westus2", "{\"enabled\": false, \"reason\": \"patching\","
                + " \"until\": \"" + until + "\"}", TOKEN).statusCode()).isEqualTo(200);
        for (Node n : h.nodes) {
            await().atMost(ONE_SECOND).until(() -> n.answer().equals(host("westeurope")));
            JsonObject override = n.json("/api/v1/regions/westus2").getJsonObject("override");
            assertThat(override.getString("node")).isEqualTo("d2");
            assertThat(override.getString("reason")).isEqualTo("patching");
            assertThat(n.json("/api/v1/events?limit=5").getJsonArray("events").stream().map(JsonObject.class::cast)
                    .map(e -> e.getString("what"))).anyMatch(w -> w.startsWith("region westus2 disabled until"));
        }
        assertThat(h.node("d3").http("PATCH", "/api/v1/regions/westus2", "{\"enabled\": true}", TOKEN).statusCode())
                .isEqualTo(200);

        String alert = "{\"version\": \"4\", \"alerts\": [{\"status\": \"%s\", \"fingerprint\": \"c1\","
                + " \"labels\": {\"alertname\": \"Errors\", \"meridian_endpoint\": \"contoso/westus2\"}}]}";
        assertThat(h.node("d1").http("POST", "/api/v1/alertmanager", alert.formatted("firing"), TOKEN).statusCode())
                .isEqualTo(200);
        for (Node n : h.nodes) {
            await().atMost(ONE_SECOND).until(() -> n.answer().equals(host("westeurope")));
        }
        assertThat(h.node("d3").http("POST", "/api/v1/alertmanager", alert.formatted("resolved"), TOKEN).statusCode())
                .isEqualTo(200);
        for (Node n : h.nodes) {
            await().atMost(ONE_SECOND).until(() -> n.answer().equals(host("westus2")));
        }
    }

    @Test
    @Order(2)
    void measurementsTakenByOneDirectorReachEveryDirectorsTable() throws Exception {
        String samples = "{\"client\": \"198.51.100.7\", \"samples\": [{\"region\": \"eastasia\", \"rttMs\": 21.5},"
                + " {\"region\": \"westus2\", \"rttMs\": 180}]}";
        assertThat(h.node("d1").http("POST", "/api/v1/measurements", samples, TOKEN, "application/json").statusCode())
                .isEqualTo(202);
        for (Node n : h.nodes) {
            // batches leave once a second
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(n.json("/api/v1/latency?client=198.51.100.9")
                    .getJsonObject("network").getJsonArray("regions")).as(n.name).hasSize(2));
        }
    }

    @Test
    @Order(3)
    void aConfigChangeOnOneReachesTheOthersAndAnInvalidOneReachesNone() throws Exception {
        Node d1 = h.node("d1");
        Files.writeString(d1.config, h.config(d1, text -> text.replace("ttl: 10s", "ttl: 20s")));
        assertThat(d1.http("POST", "/api/v1/reload", null, TOKEN).statusCode()).isEqualTo(200);
        String version = d1.json("/api/v1/cluster").getString("configVersion");
        for (Node n : h.nodes) {
            await().atMost(DEADLINE).until(() -> n.ttl() == 20);
            assertThat(n.json("/api/v1/cluster").getString("configVersion")).isEqualTo(version);
        }
        // each director kept its own node-local keys: d2 still listens where it did, still d2
        assertThat(h.node("d2").json("/api/v1/cluster").getString("node")).isEqualTo("d2");

        Files.writeString(d1.config, h.config(d1, text -> text.replace("ttl: 10s", "ttl: banana")));
        assertThat(d1.http("POST", "/api/v1/reload", null, TOKEN).statusCode()).isEqualTo(422);
        for (Node n : h.nodes) {
            assertThat(n.ttl()).isEqualTo(20);
            assertThat(n.json("/api/v1/cluster").getString("configVersion")).isEqualTo(version);
        }
        Files.writeString(d1.config, h.config(d1, text -> text.replace("ttl: 10s", "ttl: 20s"))); // as last applied
    }

    @Test
    @Order(4)
    void aGatewayThatRefusesOneDirectorStaysInServiceEverywhereAndTheExplanationShowsTheDissent() throws Exception {
        Node d2 = h.node("d2");
        h.gateway("westus2").refuse(d2.source);
        await().atMost(DEADLINE).until(() -> endpoint(d2, "westus2").getJsonArray("views").stream()
                .map(JsonObject.class::cast).anyMatch(v -> v.getString("node").equals("d2")
                        && v.getString("status").equals("degraded")));
        for (Node n : h.nodes) {
            for (int i = 0; i < 10; i++) {
                assertThat(n.answer()).isEqualTo(host("westus2"));
            }
            assertThat(endpoint(n, "westus2").getString("status")).isEqualTo("online");
        }
        JsonObject resolved = d2.json("/api/v1/resolve?name=" + ClusterHarness.NAME);
        assertThat(resolved.getString("explanation")).contains("westus2 votes (majority): d2 degraded")
                .contains("d1 online").contains("d3 online");
        assertThat(d2.get("/metrics").body()).contains(
                "meridian_endpoint_view_up{endpoint=\"westus2\",node=\"d2\",profile=\"contoso\"} 0.0",
                "meridian_endpoint_view_up{endpoint=\"westus2\",node=\"d1\",profile=\"contoso\"} 1.0");
        h.gateway("westus2").recover();
    }

    @Test
    @Order(5)
    void aGatewayDownForEveryDirectorFailsOverOnAll() throws Exception {
        h.gateway("westus2").mode(Mode.FAILING);
        for (Node n : h.nodes) {
            await().atMost(DEADLINE).until(() -> n.answer().equals(host("westeurope")));
        }
        h.gateway("westus2").mode(Mode.HEALTHY);
        for (Node n : h.nodes) {
            await().atMost(DEADLINE).until(() -> n.answer().equals(host("westus2")));
        }
    }

    @Test
    @Order(6)
    void aDirectorWithTheWrongSecretCannotJoinOrLearnAnythingAndTheTrafficIsUnreadable() throws Exception {
        Node d1 = h.node("d1");
        Node intruder = h.new Node("d4", "127.0.0.4", ClusterHarness.freePort());
        Files.writeString(intruder.config, h.config(intruder, t -> t.replace("members: [", "members: [\"127.0.0.1:"
                + intruder.clusterPort + "\", ")));
        List<Integer> clusterPorts = new ArrayList<>(h.nodes.stream().map(n -> n.clusterPort).toList());
        clusterPorts.add(intruder.clusterPort);
        Capture capture = Capture.start(dir.resolve("cluster.pcap"), clusterPorts,
                h.gateways.stream().map(SimulatedGateway::actualPort).toList());
        try {
            intruder.start("a-wrong-secret-of-the-right-length");
            intruder.awaitReady();
            assertThat(patch(d1, "eastasia", false)).isEqualTo(200); // travels while the intruder listens
            await().atMost(ONE_SECOND).until(() -> endpoint(h.node("d2"), "eastasia").getValue("override") != null);
            await().pollDelay(Duration.ofSeconds(3)).atMost(DEADLINE).until(() -> true); // give it every chance to learn

            assertThat(reachable(intruder)).containsExactly("d4");
            assertThat(reachable(d1)).containsExactlyInAnyOrder("d1", "d2", "d3");
            assertThat(endpoint(intruder, "eastasia").getValue("override")).isNull();
            assertThat(d1.logText()).contains("rejected decryption");
        } finally {
            intruder.kill();
            capture.stop();
            assertThat(patch(d1, "eastasia", true)).isEqualTo(200);
        }
        if (capture.available()) {
            byte[] wire = capture.bytes();
            assertThat(wire.length).as("captured cluster traffic").isGreaterThan(1000);
            for (String secret : List.of("contoso", ClusterHarness.SECRET, TOKEN, "westeurope-01")) {
                assertThat(Capture.contains(wire, secret)).as("'%s' in clear on the wire", secret).isFalse();
            }
        }
    }

    @Test
    @Order(7)
    void killingOneDirectorLeavesTheOthersAnsweringAndAcceptingOverrides() throws Exception {
        Node d1 = h.node("d1");
        Node d2 = h.node("d2");
        h.node("d3").kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !reachable(d1).contains("d3"));
        JsonObject cluster = d1.json("/api/v1/cluster");
        assertThat(cluster.getBoolean("majority")).isTrue();
        assertThat(d1.get("/metrics").body()).contains("meridian_cluster_members 2.0", "meridian_cluster_majority 1.0");

        assertThat(d1.answer()).isEqualTo(host("westus2"));
        assertThat(patch(d1, "westus2", false)).isEqualTo(200);
        await().atMost(ONE_SECOND).until(() -> d2.answer().equals(host("westeurope")));
    }

    @Test
    @Order(8)
    void aDirectorRestartedWithEveryPeerGoneServesItsSavedConfigAndOverrides() throws Exception {
        Node d1 = h.node("d1");
        Node d2 = h.node("d2");
        d1.stop();
        d2.stop();
        // d2's own file still says ttl 10s: the config last applied in the cluster (20s, from d1) wins
        assertThat(Files.readString(d2.config)).contains("ttl: 10s");
        d2.start(ClusterHarness.SECRET);
        d2.awaitReady();

        assertThat(d2.ttl()).isEqualTo(20);
        assertThat(d2.answer()).isEqualTo(host("westeurope")); // westus2 stays disabled
        assertThat(reachable(d2)).containsExactly("d2");
        assertThat(d2.json("/api/v1/cluster").getBoolean("majority")).isFalse();
        assertThat(d2.logText()).contains("no other director reachable yet: serving the config");
    }

    private static List<Object> reachable(Node on) throws Exception {
        JsonArray members = on.json("/api/v1/cluster").getJsonArray("members");
        return members.stream().map(JsonObject.class::cast).filter(m -> m.getBoolean("reachable"))
                .map(m -> (Object) m.getString("name")).toList();
    }
}
