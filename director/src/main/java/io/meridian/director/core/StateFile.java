package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Persists {@link OperatorOverrides} so that an operator's disable survives a restart.
 * Blocking file I/O: call it from a worker, never from an event loop.
 *
 * <p>Writes are atomic: a temporary file in the same directory is written, forced to
 * disk, then renamed over the old file, so a crash leaves either the old or the new state.
 */
public final class StateFile {
    private static final int VERSION = 1;

    private final Path path;

    public StateFile(Path path) {
        this.path = path;
    }

    /** Reads the overrides; a missing file is no overrides, a corrupt one is an error. */
    public OperatorOverrides load() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return OperatorOverrides.NONE;
        }
        try {
            JsonObject json = new JsonObject(text);
            Map<EndpointId, Boolean> enabled = new HashMap<>();
            JsonArray overrides = json.getJsonArray("overrides", new JsonArray());
            for (int i = 0; i < overrides.size(); i++) {
                JsonObject o = overrides.getJsonObject(i);
                enabled.put(new EndpointId(o.getString("profile"), o.getString("endpoint")), o.getBoolean("enabled"));
            }
            return new OperatorOverrides(enabled);
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw new IOException(path + ": not a Meridian state file: " + e.getMessage(), e);
        }
    }

    public void save(OperatorOverrides overrides) throws IOException {
        JsonArray list = new JsonArray();
        overrides.enabled().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(EndpointId::toString)))
                .forEach(e -> list.add(new JsonObject()
                        .put("profile", e.getKey().profile())
                        .put("endpoint", e.getKey().endpoint())
                        .put("enabled", e.getValue())));
        byte[] bytes = new JsonObject().put("version", VERSION).put("overrides", list)
                .encodePrettily().getBytes(StandardCharsets.UTF_8);

        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
