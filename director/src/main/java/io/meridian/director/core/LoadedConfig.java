package io.meridian.director.core;

import io.meridian.config.ConfigLoader;
import io.meridian.config.ConfigResult;
import io.meridian.config.ConfigText;
import io.meridian.config.MeridianConfig;
import io.meridian.director.geo.MaxMindGeoLocator;
import io.meridian.routing.GeoLocator;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config text read, validated, and its GeoIP database opened: everything a reload does that
 * touches the disk. Blocking: call on a worker thread. A replaced GeoIP reader is not closed:
 * queries in flight may still use the old table, and the mapping is freed by GC.
 *
 * @param text the source it was parsed from (its hash is the config's identity)
 */
public record LoadedConfig(MeridianConfig config, GeoLocator locator, String databaseStamp, ConfigText text) {

    /**
     * Everything {@code meridian validate} checks, reading the file once: the file itself, and
     * that its GeoIP database opens (and is closed again).
     */
    public static ConfigResult check(Path file, Map<String, String> env) {
        LoadedConfig loaded;
        try {
            loaded = load(file, env, null);
        } catch (ConfigException e) {
            return new ConfigResult(Optional.empty(), e.problems());
        }
        if (loaded.locator() instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // the database opened, so the file is valid; unmapping it is the exiting process's business
            }
        }
        return new ConfigResult(Optional.of(loaded.config()), List.of());
    }

    static LoadedConfig load(Path file, Map<String, String> env, LoadedConfig previous) throws ConfigException {
        try {
            return parse(ConfigText.read(file), env, previous);
        } catch (ConfigText.Unreadable e) {
            throw new ConfigException(List.of(e.problem()));
        }
    }

    /** Validates {@code text} with this director's environment and opens its GeoIP database. */
    static LoadedConfig parse(ConfigText text, Map<String, String> env, LoadedConfig previous) throws ConfigException {
        return parse(text, env, previous, null);
    }

    /**
     * As {@link #parse(ConfigText, Map, LoadedConfig)}, for a text from another director of the
     * cluster: its shared keys with this director's node-local ones ({@code nodeLocal}), so the
     * GeoIP database opened is this director's.
     */
    static LoadedConfig parse(ConfigText text, Map<String, String> env, LoadedConfig previous, MeridianConfig nodeLocal)
            throws ConfigException {
        ConfigResult result = ConfigLoader.parse(text, env, nodeLocal);
        if (!result.isValid()) {
            throw new ConfigException(result.problems());
        }
        MeridianConfig config = result.orElseThrow();
        Optional<Path> database = config.geoipDatabase();
        if (database.isEmpty()) {
            return new LoadedConfig(config, GeoLocator.none(), "", text);
        }
        String stamp = stamp(database.get());
        if (previous != null && previous.config.geoipDatabase().equals(database) && previous.databaseStamp.equals(stamp)) {
            return new LoadedConfig(config, previous.locator, stamp, text); // same file, not updated: keep the open reader
        }
        try {
            return new LoadedConfig(config, MaxMindGeoLocator.open(database.get()), stamp, text);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(ConfigLoader.problemAt(text.file(),
                    "cannot open " + database.get() + " as a MaxMind database (" + e.getMessage() + ")", "geoip", "database")));
        }
    }

    /** Modification time and size: a database updated in place (geoipupdate) is reopened on reload. */
    private static String stamp(Path database) {
        try {
            return Files.getLastModifiedTime(database) + "/" + Files.size(database);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
