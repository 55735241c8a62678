package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
    private static final String SHARED = """
            dns:
              listen: ["10.0.0.1:53"]
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            http:
              listen: "10.0.0.1:8080"
              apiToken: ${TOKEN}
              trustForwardedFor: true
            state:
              file: /var/lib/meridian/a.json
            cluster:
              node: westus2
              listen: "10.0.0.1:7800"
              members: ["10.0.0.1:7800", "10.1.0.1:7800", "10.2.0.1:7800"]
              secret: ${SECRET}
              quorum: any
              probeSource: 10.0.0.1
            profiles:
              - name: p
                domain: p.tm.example.test
                routing: priority
                endpoints: [{name: a, target: 192.0.2.1}]
            """;

    private static MeridianConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "/etc/meridian/meridian.yaml", env).orElseThrow();
    }

    @Test
    void readsEveryKeyAndKeepsTheSecretOutOfToString() throws Exception {
        ClusterConfig c = parse(SHARED, Map.of("TOKEN", "t0k3n", "SECRET", "0123456789abcdef-secret")).cluster().orElseThrow();

        assertThat(c.node()).isEqualTo("westus2");
        assertThat(c.listen()).isEqualTo(IpPort.literal("10.0.0.1:7800"));
        assertThat(c.members()).hasSize(3);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.quorum()).isEqualTo(ClusterConfig.Quorum.ANY);
        assertThat(c.probeSource()).contains(InetAddress.getByName("10.0.0.1"));
        assertThat(c.toString()).doesNotContain("secret-").contains("secret=***");
    }

    @Test
    void defaultsToMajorityOnLoopbackWithAFreePortAndCountsItselfWhenNotASeed() {
        MeridianConfig config = parse("""
                dns:
                  zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                cluster:
                  node: alone
                  members: ["127.0.0.2:7800"]
                  secret: 0123456789abcdef
                """, Map.of());
        ClusterConfig c = config.cluster().orElseThrow();
        assertThat(c.listen()).isEqualTo(IpPort.literal("127.0.0.1:0"));
        assertThat(c.quorum()).isEqualTo(ClusterConfig.Quorum.MAJORITY);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.probeSource()).isEmpty();
    }

    @Test
    void aConfigFromAnotherDirectorKeepsThisDirectorsNodeLocalKeys() {
        MeridianConfig remote = parse(SHARED.replace("10.0.0.1", "10.2.0.1").replace("node: westus2", "node: eastasia")
                .replace("ttl", "ttl").replace("target: 192.0.2.1", "target: 192.0.2.2"),
                Map.of("TOKEN", "shared-token", "SECRET", "0123456789abcdef-secret"));
        MeridianConfig local = parse(SHARED, Map.of("TOKEN", "t0k3n", "SECRET", "0123456789abcdef-secret"));

        MeridianConfig served = remote.withNodeLocal(local);
        assertThat(served.dns().listen()).isEqualTo(local.dns().listen());
        assertThat(served.http().listen()).isEqualTo(local.http().listen());
        assertThat(served.cluster()).isEqualTo(local.cluster());
        assertThat(served.stateFile()).isEqualTo(Path.of("/var/lib/meridian/a.json"));
        assertThat(served.http().apiToken()).contains("shared-token");
        assertThat(served.profiles()).isEqualTo(remote.profiles());
        assertThat(served.dns().zones()).isEqualTo(remote.dns().zones());
        assertThat(served.profiles().get(0).endpoints().get(0).target().orElseThrow().text()).isEqualTo("192.0.2.2");
        assertThat(List.of(served.geoipDatabase())).containsExactly(local.geoipDatabase());
    }

    @Test
    void anotherDirectorsTextIsCheckedOnlyForItsSharedKeys() {
        MeridianConfig local = parse(SHARED, Map.of("TOKEN", "t0k3n", "SECRET", "0123456789abcdef-secret"));
        // its listen addresses and cluster secret name variables this director does not have
        String remote = SHARED.replace("\"10.0.0.1:8080\"", "\"${THEIR_HTTP}\"").replace("${SECRET}", "${THEIR_SECRET}")
                .replace("target: 192.0.2.1", "target: 192.0.2.9");

        ConfigResult result = ConfigLoader.parse(new ConfigText(Path.of("/etc/meridian/meridian.yaml"), remote),
                Map.of("TOKEN", "t0k3n"), local);
        MeridianConfig served = result.orElseThrow();
        assertThat(served.http().listen()).isEqualTo(local.http().listen());
        assertThat(served.cluster()).isEqualTo(local.cluster());
        assertThat(served.profiles().get(0).endpoints().get(0).target().orElseThrow().text()).isEqualTo("192.0.2.9");

        ConfigResult broken = ConfigLoader.parse(new ConfigText(Path.of("/etc/meridian/meridian.yaml"),
                remote.replace("routing: priority", "routing: fastest")), Map.of("TOKEN", "t0k3n"), local);
        assertThat(broken.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("profiles[0].routing"));
    }
}
