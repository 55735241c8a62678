package io.meridian.director.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, executed in-process with captured output. */
class MeridianCommandTest {
    private static final String VALID = """
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
                    target: 192.0.2.10
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = MeridianCommand.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void validFileExitsZeroWithOneOkLine() throws IOException {
        Path file = write("ok.yaml", VALID);
        assertThat(run(Map.of(), "validate", "--config", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": ok (1 profile, 1 endpoint, 1 zone)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalidFileExitsTwoWithOneLinePerProblemOnStderr() throws IOException {
        Path file = write("bad.yaml", VALID.replace("192.0.2.10", "192.0.2.300").replace("priority", "fastest"));
        assertThat(run(Map.of(), "validate", "--config", file.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                file + ":8:14: profiles[0].routing: fastest (expected: priority | weighted | performance"
                        + " | geographic | multivalue | subnet)",
                file + ":11:17: profiles[0].endpoints[0].target: 192.0.2.300 (expected: an IPv4 or IPv6 address"
                        + " or a host name such as contoso-westus2-01.regional.azure-api.net)");
    }

    @Test
    void environmentIsPassedToTheLoader() throws IOException {
        Path file = write("env.yaml", VALID.replace("192.0.2.10", "${TARGET}"));
        assertThat(run(Map.of(), "validate", "-c", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("${TARGET} (environment variable TARGET is not set)");
        assertThat(run(Map.of("TARGET", "2001:db8::1"), "validate", "-c", file.toString())).isZero();
    }

    @Test
    void missingFileIsOneLine() {
        Path missing = dir.resolve("nope.yaml");
        assertThat(run(Map.of(), "validate", "--config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void validateWithoutConfigIsAUsageError() {
        assertThat(run(Map.of(), "validate")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void runRefusesAnInvalidConfigWithTheSameLinesAsValidate() throws IOException {
        Path file = write("bad.yaml", VALID.replace("routing: priority", "routing: fastest"));
        assertThat(run(Map.of(), "run", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(file + ":").contains("routing");
    }

    @Test
    void validateReportsAGeoipDatabaseThatCannotBeOpened() throws IOException {
        Path notADatabase = write("not.mmdb", "not a database");
        Path file = write("geo.yaml", VALID + "geoip:\n  database: " + notADatabase + "\n");
        assertThat(run(Map.of(), "validate", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("geoip.database", notADatabase.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("Usage: meridian", "run", "validate", "demo", "--version");
    }

    @Test
    void noSubcommandPrintsUsage() {
        assertThat(run(Map.of())).isZero();
        assertThat(out.toString()).contains("Usage: meridian");
    }

    @Test
    void versionNamesTheProgram() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).startsWith("meridian ");
    }
}
