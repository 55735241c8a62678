package io.meridian.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The text of a configuration file, as read once from disk (or received from another director
 * of a cluster): what {@link ConfigLoader#parse(ConfigText, java.util.Map)} reads. {@code ${VAR}}
 * is not substituted here; that happens at parse time, with the parsing director's environment.
 *
 * @param file the file it came from, or is to be read as: names problems and resolves relative paths
 */
public record ConfigText(Path file, String text) {
    public ConfigText {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
    }

    /** A file that cannot be read; its problem is the one line to report. */
    public static final class Unreadable extends Exception {
        private final transient ConfigProblem problem;

        Unreadable(ConfigProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }

        public ConfigProblem problem() {
            return problem;
        }
    }

    /** Reads a UTF-8 file of at most {@link ConfigLoader#MAX_FILE_BYTES}. Blocking file I/O. */
    public static ConfigText read(Path file) throws Unreadable {
        try {
            if (Files.isDirectory(file)) {
                throw unreadable(file, "is a directory (expected: a YAML file)");
            }
            if (Files.size(file) > ConfigLoader.MAX_FILE_BYTES) {
                throw unreadable(file, "file too large (expected: at most " + ConfigLoader.MAX_FILE_BYTES + " bytes)");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return new ConfigText(file, text);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied");
        } catch (CharacterCodingException e) {
            throw unreadable(file, "not UTF-8 text (expected: a UTF-8 YAML file)");
        } catch (IOException e) {
            throw unreadable(file, "cannot read: " + e.getMessage());
        }
    }

    /** SHA-256 of the text, hex: tells whether two texts are the same config source. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Unreadable unreadable(Path file, String message) {
        return new Unreadable(new ConfigProblem(file.toString(), 0, 0, "", message));
    }
}
