package io.meridian.director.core;

import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Stamp;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;

/**
 * In a cluster, the config this director last applied (from its own file or from another
 * director) and what it last read from its own file, so that after a restart with no peer
 * reachable it serves the cluster's config, and its own file counts as a new change only when
 * its content changed (SPEC section 8). Beside the state file; blocking, call from a worker.
 */
final class ClusterConfigFile {

    /** @param fileSha256 the hash of this director's own file when it last read it */
    record Saved(SharedConfig applied, String fileSha256) {
    }

    private final Path path;

    ClusterConfigFile(Path stateFile) {
        this.path = stateFile.resolveSibling(stateFile.getFileName() + ".cluster.json");
    }

    Path path() {
        return path;
    }

    /** Null when none was saved yet. */
    Saved load() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            JsonObject json = new JsonObject(text);
            ConfigVersion version = new ConfigVersion(Stamp.parse(json.getString("version")), json.getString("sha256"));
            return new Saved(new SharedConfig(version, json.getString("origin"), json.getString("text")),
                    json.getString("fileSha256"));
        } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException
                 | DateTimeParseException e) {
            throw new IOException(path + ": not a Meridian cluster config file: " + e.getMessage(), e);
        }
    }

    void save(Saved saved) throws IOException {
        SharedConfig c = saved.applied();
        JsonObject json = new JsonObject().put("version", c.version().stamp().toString()).put("sha256", c.version().sha256())
                .put("origin", c.origin()).put("fileSha256", saved.fileSha256()).put("text", c.text());
        AtomicFiles.write(path, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
    }
}
