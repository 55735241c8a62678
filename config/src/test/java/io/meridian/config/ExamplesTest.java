package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documentation cannot rot: every {@code examples/*.yaml} and every fenced YAML block of
 * {@code README.md} and {@code docs/*.md} must load and validate.
 *
 * <p>Convention for Markdown: a block fenced as {@code ```yaml} is a complete configuration and
 * must be valid. A block that shows only a fragment (one section, one profile) is fenced as
 * {@code ```yaml partial}: it must still be well-formed YAML; one that holds only a
 * {@code profiles:} list is also validated, inside {@link #ZONE_SKELETON}. A block
 * that shows a deliberately invalid configuration is fenced as {@code ```yaml invalid}: it must
 * be well-formed YAML and must fail validation. Paths are relative to this module's directory
 * (Maven runs tests there); the examples are given {@code MERIDIAN_API_TOKEN} unset and
 * {@link #ENV}'s {@code MERIDIAN_CLUSTER_SECRET}, as a director of a cluster would have it.
 */
class ExamplesTest {
    static final Path ROOT = Path.of("..");
    static final Map<String, String> ENV = Map.of("MERIDIAN_CLUSTER_SECRET", "a-long-random-secret-for-the-docs");
    /** The {@code dns} section profile snippets of the docs are validated in. */
    static final String ZONE_SKELETON = "dns:\n  zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]\n";
    private static final Pattern FENCE = Pattern.compile("(?m)^```yaml([^\\n]*)\\n(.*?)^```", Pattern.DOTALL);

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void exampleIsValid(Path file) {
        ConfigResult result = ConfigLoader.load(file, ENV);
        assertThat(result.problems()).as(file.toString()).isEmpty();
    }

    @Test
    void everyRoutingMethodHasAnExampleNamedForIt() throws IOException {
        for (RoutingMethod method : RoutingMethod.values()) {
            Path file = ROOT.resolve("examples").resolve(method.name().toLowerCase(java.util.Locale.ROOT) + ".yaml");
            MeridianConfig config = ConfigLoader.load(file, ENV).orElseThrow();
            assertThat(config.profiles()).extracting(ProfileConfig::routing).contains(method);
            assertThat(Files.readString(file)).as(file + " is commented").startsWith("#");
        }
        assertThat(ConfigLoader.load(ROOT.resolve("examples/nested.yaml"), ENV).orElseThrow().profiles()
                .stream().flatMap(p -> p.endpoints().stream()).anyMatch(EndpointConfig::isNested)).isTrue();
    }

    record Block(String source, int line, String info, String yaml) {
        @Override
        public String toString() {
            return source + ":" + line + (info.isBlank() ? "" : " (" + info.strip() + ")");
        }
    }

    static Stream<Block> markdownBlocks() throws IOException {
        List<Path> docs = new ArrayList<>();
        if (Files.exists(ROOT.resolve("README.md"))) {
            docs.add(ROOT.resolve("README.md"));
        }
        if (Files.isDirectory(ROOT.resolve("docs"))) {
            try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
                files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher m = FENCE.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                blocks.add(new Block(doc.normalize().toString(), line, m.group(1), m.group(2)));
            }
        }
        return blocks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markdownBlocks")
    void markdownYamlBlockIsValid(Block block) throws SafeYaml.Failure {
        String label = block.toString();
        Path dir = Path.of(block.source()).getParent();
        switch (block.info().strip()) {
            case "partial" -> {
                SafeYaml.compose(block.yaml(), label);
                if (block.yaml().startsWith("profiles:")) { // a profile snippet: must be valid in a zone
                    assertThat(ConfigLoader.parse(ZONE_SKELETON + block.yaml(), label, dir, ENV).problems())
                            .as(label).isEmpty();
                }
            }
            case "invalid" -> {
                SafeYaml.compose(block.yaml(), label);
                assertThat(ConfigLoader.parse(block.yaml(), label, dir, ENV).isValid()).as(label).isFalse();
            }
            case "" -> assertThat(ConfigLoader.parse(block.yaml(), label, dir, ENV).problems()).as(label).isEmpty();
            default -> throw new AssertionError(label + ": unknown fence info (expected: yaml, yaml partial or yaml invalid)");
        }
    }

    @Test
    void markdownBlocksAreFound() throws IOException {
        assertThat(markdownBlocks().filter(b -> b.info().isBlank())).as("complete YAML blocks in README/docs").isNotEmpty();
    }
}
