package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files: unreadable and hostile input, defaults, overrides, paths, and many problems at once. */
class ConfigLoaderTest {
    static final String MINIMAL = """
            dns:
              zones:
                - name: tm.example.test
                  nameservers: [ns1.tm.example.test]
            profiles:
              - name: contoso
                domain: contoso.tm.example.test
                routing: priority
                endpoints:
                  - name: westus2
                    target: contoso-westus2-01.regional.azure-api.net
                  - name: eastasia
                    target: 2001:db8::10
            """;

    @TempDir
    Path dir;

    private static List<String> lines(ConfigResult result) {
        return result.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static List<String> parse(String yaml) {
        return lines(ConfigLoader.parse(yaml, "f.yaml", Map.of()));
    }

    @Test
    void minimalFileGetsEveryDefault() {
        MeridianConfig c = ConfigLoader.parse(MINIMAL, dir.resolve("m.yaml").toString(), Map.of()).orElseThrow();
        assertThat(c.dns().listen()).extracting(IpPort::toString).containsExactly("127.0.0.1:5353");
        assertThat(c.dns().udpSize()).isEqualTo(1232);
        assertThat(c.dns().transport()).isEqualTo(DnsConfig.Transport.AUTO);
        ZoneConfig zone = c.dns().zones().get(0);
        assertThat(zone).isEqualTo(new ZoneConfig("tm.example.test", List.of("ns1.tm.example.test"),
                "hostmaster.tm.example.test", Duration.ofHours(1), Duration.ofSeconds(30), Map.of(),
                Duration.ofHours(4), Duration.ofHours(1), Duration.ofDays(14)));
        assertThat(c.dns().nsid()).isEmpty();
        assertThat(c.dns().version()).isEmpty();
        assertThat(c.dns().rateLimit()).as("RRL is off unless configured").isEmpty();
        assertThat(c.dns().cookies()).isTrue();
        assertThat(c.http().listen()).hasToString("127.0.0.1:8080");
        assertThat(c.http().apiToken()).isEmpty();
        assertThat(c.http().trustForwardedFor()).isFalse();
        assertThat(c.geoipDatabase()).isEmpty();
        assertThat(c.stateFile()).isEqualTo(dir.resolve("meridian-state.json"));
        ProfileConfig p = c.profiles().get(0);
        assertThat(p.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxAnswers()).isEqualTo(2);
        assertThat(p.fallback()).isEqualTo(FallbackMode.NEAREST);
        assertThat(p.redirectHost()).isEmpty();
        assertThat(p.monitor()).isEqualTo(new MonitorConfig(Protocol.HTTPS, 443, "/", Duration.ofSeconds(10),
                Duration.ofSeconds(5), 3, Duration.ofSeconds(1), 2, List.of(new StatusRange(200, 299)), "", Map.of(), true));
        EndpointConfig west = p.endpoints().get(0);
        assertThat(west.target()).contains(new EndpointTarget.Host("contoso-westus2-01.regional.azure-api.net"));
        assertThat(west.priority()).isEqualTo(1);
        assertThat(p.endpoints().get(1).priority()).isEqualTo(2);
        assertThat(p.endpoints().get(1).target().orElseThrow().text()).isEqualTo("2001:db8::10");
        assertThat(west.weight()).isEqualTo(1);
        assertThat(west.enabled()).isTrue();
        assertThat(west.alwaysServe()).isFalse();
        assertThat(west.minChildEndpoints()).isEqualTo(1);
        assertThat(west.probeAddress()).isEmpty();
        assertThat(west.location()).isEmpty();
        assertThat(west.monitor()).isEqualTo(p.monitor());
    }

    @Test
    void endpointMonitorIsMergedOverTheProfileMonitor() {
        String yaml = MINIMAL.replace("    routing: priority\n", """
                    routing: priority
                    monitor: {protocol: HTTP, path: /status-0123456789abcdef, timeout: 4s, headers: {Host: api.contoso.test}}
                """).replace("target: 2001:db8::10", "target: 2001:db8::10\n        monitor: {timeout: 2s, port: 8080}");
        ProfileConfig p = ConfigLoader.parse(yaml, "f.yaml", Map.of()).orElseThrow().profiles().get(0);
        assertThat(p.monitor().port()).isEqualTo(80);
        assertThat(p.monitor().timeout()).isEqualTo(Duration.ofSeconds(4));
        MonitorConfig east = p.endpoints().get(1).monitor();
        assertThat(east.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(east.path()).isEqualTo("/status-0123456789abcdef");
        assertThat(east.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(east.port()).isEqualTo(8080);
        assertThat(east.headers()).containsExactly(Map.entry("Host", "api.contoso.test"));
        assertThat(p.endpoints().get(0).monitor()).isEqualTo(p.monitor());
    }

    @Test
    void relativePathsAreResolvedAgainstTheConfigDirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Path file = Files.writeString(sub.resolve("m.yaml"), MINIMAL
                + "geoip: {database: ../geo/City.mmdb}\nstate: {file: /var/lib/meridian/state.json}\n");
        MeridianConfig c = ConfigLoader.load(file, Map.of()).orElseThrow();
        assertThat(c.geoipDatabase()).contains(dir.resolve("geo/City.mmdb"));
        assertThat(c.stateFile()).isEqualTo(Path.of("/var/lib/meridian/state.json"));
    }

    @Test
    void environmentFillsValuesAndAnEmptyTokenMeansReadOnly() {
        String yaml = MINIMAL + "http:\n  apiToken: ${TOKEN:-}\n  listen: \"${LISTEN}\"\n";
        MeridianConfig c = ConfigLoader.parse(yaml, "f.yaml", Map.of("LISTEN", "[::1]:0")).orElseThrow();
        assertThat(c.http().apiToken()).isEmpty();
        assertThat(c.http().listen()).hasToString("[::1]:0");
        assertThat(ConfigLoader.parse(yaml, "f.yaml", Map.of("LISTEN", "[::1]:0", "TOKEN", "s3cret"))
                .orElseThrow().http().apiToken()).contains("s3cret");
        assertThat(c.http().toString()).doesNotContain("s3cret");
    }

    @Test
    void fiveDifferentMistakesGiveFiveLines() {
        String yaml = """
                dns:
                  listen: ["127.0.0.1:99999"]
                  zones:
                    - name: tm.example.test
                      nameservers: [ns1.tm.example.test]
                profiles:
                  - name: contoso
                    domain: contoso.example.org
                    routing: priority
                    monitor: {interval: 5s, timeout: 5s}
                    endpoints:
                      - {name: westus2, target: 192.0.2.1, weight: 0}
                      - {name: eastasia, target: 192.0.2.2, location: {region: eastasai}}
                """;
        assertThat(parse(yaml)).containsExactly(
                "f.yaml:2:12: dns.listen[0]: 127.0.0.1:99999 (expected: a port 0..65535 after the address)",
                "f.yaml:8:13: profiles[0].domain: contoso.example.org is outside every zone"
                        + " (expected: a name inside tm.example.test)",
                "f.yaml:10:38: profiles[0].monitor.timeout: 5s (expected: less than interval 5s)",
                "f.yaml:12:52: profiles[0].endpoints[0].weight: 0 (expected: 1..1000)",
                "f.yaml:13:64: profiles[0].endpoints[1].location.region: eastasai is not a known Azure region"
                        + " (expected: a name such as westus2; did you mean eastasia?)");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.yaml");
        assertThat(lines(ConfigLoader.load(missing, Map.of()))).containsExactly(missing + ": no such file");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThat(lines(ConfigLoader.load(dir, Map.of()))).containsExactly(dir + ": is a directory (expected: a YAML file)");
    }

    @Test
    void notUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertThat(lines(ConfigLoader.load(file, Map.of())))
                .containsExactly(file + ": not UTF-8 text (expected: a UTF-8 YAML file)");
    }

    @Test
    void emptyAndCommentOnlyFiles() {
        String empty = "f.yaml:1:1: empty file (expected: a mapping with dns, http, geoip, state, cluster and profiles)";
        assertThat(parse("")).containsExactly(empty);
        assertThat(parse("# nothing yet\n\n")).containsExactly(empty);
    }

    @Test
    void syntaxErrorHasItsPosition() {
        assertThat(parse("dns:\n  zones: [a, b\nprofiles: []\n")).singleElement().asString()
                .isEqualTo("f.yaml:3:9: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got :");
        assertThat(parse("dns:\n  zones:\n - a\n  b: c\n")).singleElement().asString().startsWith("f.yaml:");
        assertThat(parse("a: b: c\n")).containsExactly("f.yaml:1:5: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(parse("- dns\n")).containsExactly(
                "f.yaml:1:1: a list (expected: a mapping of dns, http, geoip, state, cluster, profiles, latency)");
    }

    @Test
    void deepNestingIsRefusedInOneLine() {
        String bomb = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        assertThat(parse(bomb)).singleElement().asString()
                .startsWith("f.yaml:1:").contains("YAML nested deeper than 32 levels");
    }

    @Test
    void aliasExpansionBombIsRefusedInOneLine() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 20; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThat(parse(bomb.toString())).singleElement().asString()
                .matches("f\\.yaml:\\d+:\\d+: more than 64 YAML aliases .*");
    }

    @Test
    void aFewAliasesAreFine() {
        String yaml = MINIMAL.replace("    routing: priority\n", "    routing: priority\n    monitor: &m {path: /status}\n")
                + "  - name: fabrikam\n    domain: fabrikam.tm.example.test\n    routing: weighted\n    monitor: *m\n"
                + "    endpoints: [{name: a, target: 192.0.2.1}]\n";
        MeridianConfig c = ConfigLoader.parse(yaml, "f.yaml", Map.of()).orElseThrow();
        assertThat(c.profiles().get(1).monitor().path()).isEqualTo("/status");
    }

    @Test
    void recursiveAliasIsAProblemNotAHang() {
        assertThat(parse("dns: &d {zones: [*d]}\n")).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("f.yaml:"));
    }

    @Test
    void tooManyCharacters() {
        String big = "# " + "x".repeat(SafeYaml.MAX_CODE_POINTS) + "\n";
        assertThat(parse(big)).containsExactly(
                "f.yaml: file too large (expected: at most " + SafeYaml.MAX_CODE_POINTS + " characters)");
    }

    @Test
    void twoDocuments() {
        assertThat(parse(MINIMAL + "---\n" + MINIMAL)).singleElement().asString()
                .isEqualTo("f.yaml:14:1: a second YAML document (expected: one document per file)");
    }

    @Test
    void problemsComeInFileOrderAndNeverDuplicated() {
        String yaml = MINIMAL.replace("    routing: priority\n", "    routing: priority\n    monitor: {timeout: 20s}\n");
        // the profile's bad timeout is inherited by two endpoints and still reported once
        assertThat(parse(yaml)).containsExactly(
                "f.yaml:9:24: profiles[0].monitor.timeout: 20s (expected: less than interval 10s)");
    }

    @Test
    void resultHoldsConfigOrProblems() {
        ConfigResult ok = ConfigLoader.parse(MINIMAL, "f.yaml", Map.of());
        assertThat(ok.isValid()).isTrue();
        assertThat(ok.problems()).isEmpty();
        ConfigResult bad = ConfigLoader.parse("x: 1", "f.yaml", Map.of());
        assertThat(bad.config()).isEqualTo(Optional.empty());
        assertThat(new ConfigProblem("f.yaml", 0, 0, "", "no such file")).hasToString("f.yaml: no such file");
    }

    @Test
    void aRegionGivesAPerformanceEndpointItsLocationAndANestedEndpointHasNoRegion() {
        String yaml = """
                dns:
                  zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                profiles:
                  - name: fast
                    domain: fast.tm.example.test
                    routing: performance
                    endpoints:
                      - {name: westus2, target: 192.0.2.1, region: westus2}
                      - {name: eastus, target: 192.0.2.2, location: {region: eastus}}
                  - name: top
                    domain: top.tm.example.test
                    routing: performance
                    endpoints:
                      - {name: fast, profile: fast, location: {region: westeurope}}
                """;
        MeridianConfig c = ConfigLoader.parse(yaml, "f.yaml", Map.of()).orElseThrow();
        EndpointConfig westus2 = c.profiles().get(0).endpoints().get(0);
        assertThat(westus2.region()).contains("westus2");
        assertThat(westus2.location()).isPresent();
        assertThat(c.profiles().get(0).endpoints().get(1).region()).contains("eastus");
        assertThat(c.profiles().get(1).endpoints().get(0).region()).as("its child's endpoints have regions").isEmpty();
    }
}
