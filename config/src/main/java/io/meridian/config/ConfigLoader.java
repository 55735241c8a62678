package io.meridian.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Loads and validates a Meridian configuration. Never throws for bad input: every problem
 * (unreadable file, YAML syntax, hostile YAML, invalid values, broken rules) comes back in the
 * {@link ConfigResult}, all of them at once, in file order. Touches nothing but the one file:
 * no name lookups, and referenced files (GeoIP database, state file) are not checked here.
 */
public final class ConfigLoader {
    static final long MAX_FILE_BYTES = 4L * SafeYaml.MAX_CODE_POINTS;

    private ConfigLoader() {
    }

    /**
     * Reads {@code file}; relative paths inside it are resolved against its directory.
     *
     * @param env the environment for {@code ${NAME}} (usually {@code System.getenv()})
     */
    public static ConfigResult load(Path file, Map<String, String> env) {
        try {
            return parse(ConfigText.read(file), env);
        } catch (ConfigText.Unreadable e) {
            return ConfigResult.invalid(List.of(e.problem()));
        }
    }

    /** Parses text read from (or to be treated as) its file: problems name it, relative paths resolve against it. */
    public static ConfigResult parse(ConfigText text, Map<String, String> env) {
        return parse(text, env, null);
    }

    /**
     * Parses a config text another director sent: its shared keys are read and checked with this
     * director's environment; its node-local keys (listen addresses, geoip, state, cluster) are
     * neither read nor checked, and the result carries {@code nodeLocal}'s.
     */
    public static ConfigResult parse(ConfigText text, Map<String, String> env, MeridianConfig nodeLocal) {
        Path dir = text.file().toAbsolutePath().getParent();
        return parse(text.text(), text.file().toString(), dir == null ? Path.of("").toAbsolutePath() : dir, env,
                nodeLocal);
    }

    /** Parses YAML text; {@code fileName} labels the problems and its directory resolves relative paths. */
    public static ConfigResult parse(String yaml, String fileName, Map<String, String> env) {
        Path dir;
        try {
            dir = Path.of(fileName).toAbsolutePath().getParent();
        } catch (InvalidPathException e) {
            dir = null; // a label such as "<api request>" rather than a file name
        }
        return parse(yaml, fileName, dir == null ? Path.of("").toAbsolutePath() : dir, env);
    }

    /** Parses YAML text, resolving relative paths against {@code baseDir}. */
    public static ConfigResult parse(String yaml, String fileName, Path baseDir, Map<String, String> env) {
        return parse(yaml, fileName, baseDir, env, null);
    }

    private static ConfigResult parse(String yaml, String fileName, Path baseDir, Map<String, String> env,
                                      MeridianConfig nodeLocal) {
        Optional<Node> root;
        try {
            root = SafeYaml.compose(yaml, fileName);
        } catch (SafeYaml.Failure f) {
            return ConfigResult.invalid(List.of(new ConfigProblem(fileName, f.line, f.column, "", f.getMessage())));
        }
        if (root.isEmpty()) {
            return ConfigResult.invalid(List.of(new ConfigProblem(fileName, 1, 1, "",
                    "empty file (expected: a mapping with dns, http, geoip, state, cluster and profiles)")));
        }
        Problems problems = new Problems();
        Reading reading = new Reading(fileName, new EnvSubstitution(env), baseDir.toAbsolutePath(), problems);
        Optional<MeridianConfig> config;
        try {
            config = ConfigReader.read(new YNode(root.get(), "", reading), nodeLocal);
        } catch (RuntimeException e) {
            // a bug of ours, not of the file: still one line for the operator, with what to report
            return ConfigResult.invalid(List.of(new ConfigProblem(fileName, 0, 0, "",
                    "internal error while checking this file, please report it: " + e)));
        }
        if (!problems.isEmpty() || config.isEmpty()) {
            return ConfigResult.invalid(problems.isEmpty()
                    ? List.of(new ConfigProblem(fileName, 0, 0, "", "invalid configuration"))
                    : problems.sorted());
        }
        return ConfigResult.valid(config.get());
    }

    /**
     * A problem found after loading, about the value at {@code keys} (mapping keys from the
     * root, such as {@code geoip}, {@code database}), pointing at that value's node like
     * every other problem. For checks only the service can make, e.g. that the GeoIP
     * database opens. Re-reads the file; position 0:0 when the value cannot be found.
     */
    public static ConfigProblem problemAt(Path file, String message, String... keys) {
        String path = String.join(".", keys);
        try {
            Optional<Node> node = SafeYaml.compose(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            for (String key : keys) {
                node = node.filter(MappingNode.class::isInstance).flatMap(n -> ((MappingNode) n).getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                        .map(NodeTuple::getValueNode).findFirst());
            }
            Optional<Mark> mark = node.flatMap(Node::getStartMark);
            if (mark.isPresent()) {
                return new ConfigProblem(file.toString(), mark.get().getLine() + 1, mark.get().getColumn() + 1, path, message);
            }
        } catch (IOException | SafeYaml.Failure e) {
            // the file changed or broke since it was loaded: report without a position
        }
        return new ConfigProblem(file.toString(), 0, 0, path, message);
    }

}
