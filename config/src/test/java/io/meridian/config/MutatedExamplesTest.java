package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Robustness: the examples with random small edits (a character deleted, replaced or
 * duplicated) must never make the loader fail internally, and every problem must point
 * inside the file. Seeded, so a failure reproduces.
 */
class MutatedExamplesTest {
    private static final String ALPHABET = " :-[]{}#&*!|>'\"\n\t0123456789abcxyz.$/,";

    static java.util.stream.Stream<Path> exampleFiles() throws IOException {
        return ExamplesTest.exampleFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void randomEditsGiveOnlyPositionedProblems(Path file) throws IOException {
        String original = Files.readString(file);
        SplittableRandom random = new SplittableRandom(file.getFileName().toString().hashCode());
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder(original);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && text.length() > 1; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> text.insert(at, text.charAt(at));
                }
            }
            String mutated = text.toString();
            long lines = mutated.lines().count() + 1;
            ConfigResult result = ConfigLoader.parse(mutated, "m.yaml", file.getParent(), Map.of());
            assertThat(result.problems()).as(mutated).allSatisfy(p -> {
                assertThat(p.message()).doesNotContain("internal error");
                assertThat(p.line()).isBetween(0, (int) lines);
            });
        }
    }
}
