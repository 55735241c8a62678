package io.meridian.director.core;

import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideJson;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.Stamp;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Persists the operator state and the version of the config last served, so that an
 * operator's disable survives a restart and the SOA serial never falls. Blocking file I/O:
 * call it from a worker, never from an event loop.
 *
 * <p>Writes are atomic ({@link AtomicFiles}): a crash leaves either the old or the new state.
 * Version 1 files (overrides without stamps) are read as overrides stamped at the epoch.
 */
final class StateFile {
    private static final int VERSION = 2;

    /** What the file holds; {@code config} is null when no config was recorded yet. */
    record Saved(OperatorState operator, ConfigVersion config) {
        static final Saved NONE = new Saved(OperatorState.NONE, null);
    }

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Reads the state; a missing file is no state, a corrupt one is an error. */
    Saved load() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Saved.NONE;
        }
        try {
            JsonObject json = new JsonObject(text);
            Map<OverrideKey, OperatorOverride> overrides = new HashMap<>();
            JsonArray list = json.getJsonArray("overrides", new JsonArray());
            for (int i = 0; i < list.size(); i++) {
                Map.Entry<OverrideKey, OperatorOverride> entry = OverrideJson.decode(list.getJsonObject(i));
                overrides.put(entry.getKey(), entry.getValue());
            }
            Stamp version = stamp(json.getString("operatorVersion"));
            JsonObject config = json.getJsonObject("config");
            return new Saved(new OperatorState(overrides, version),
                    config == null ? null : new ConfigVersion(stamp(config.getString("stamp")), config.getString("sha256")));
        } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException
                 | DateTimeParseException e) {
            throw new IOException(path + ": not a Meridian state file: " + e.getMessage(), e);
        }
    }

    void save(OperatorState operator, ConfigVersion config) throws IOException {
        JsonArray list = new JsonArray();
        operator.overrides().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(OverrideKey::toString)))
                .forEach(e -> list.add(OverrideJson.encode(e.getKey(), e.getValue())));
        JsonObject json = new JsonObject().put("version", VERSION)
                .put("operatorVersion", operator.version().toString())
                .put("overrides", list);
        if (config != null) {
            json.put("config", new JsonObject().put("sha256", config.sha256()).put("stamp", config.stamp().toString()));
        }
        AtomicFiles.write(path, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    private static Stamp stamp(String text) {
        return text == null ? Stamp.ZERO : Stamp.parse(text);
    }
}
