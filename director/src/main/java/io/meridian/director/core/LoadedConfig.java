package io.meridian.director.core;

import io.meridian.config.ConfigLoader;
import io.meridian.config.ConfigProblem;
import io.meridian.config.ConfigResult;
import io.meridian.config.MeridianConfig;
import io.meridian.director.geo.MaxMindGeoLocator;
import io.meridian.routing.GeoLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config file read, validated, and its GeoIP database opened: everything a reload does
 * that touches the disk. Blocking: call on a worker thread. A replaced GeoIP reader is not
 * closed: queries in flight may still use the old table, and the mapping is freed by GC.
 */
public record LoadedConfig(MeridianConfig config, GeoLocator locator, String databaseStamp) {

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
        if (loaded.locator() instanceof java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // the database opened, so the file is valid; unmapping it is the exiting process's business
            }
        }
        return new ConfigResult(Optional.of(loaded.config()), List.of());
    }

    static LoadedConfig load(Path file, Map<String, String> env, LoadedConfig previous) throws ConfigException {
        ConfigResult result = ConfigLoader.load(file, env);
        if (!result.isValid()) {
            throw new ConfigException(result.problems());
        }
        MeridianConfig config = result.orElseThrow();
        Optional<Path> database = config.geoipDatabase();
        if (database.isEmpty()) {
            return new LoadedConfig(config, GeoLocator.none(), "");
        }
        String stamp = stamp(database.get());
        if (previous != null && previous.config.geoipDatabase().equals(database) && previous.databaseStamp.equals(stamp)) {
            return new LoadedConfig(config, previous.locator, stamp); // same file, not updated: keep the open reader
        }
        try {
            return new LoadedConfig(config, MaxMindGeoLocator.open(database.get()), stamp);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(ConfigLoader.problemAt(file,
                    "cannot open " + database.get() + " as a MaxMind database (" + e.getMessage() + ")", "geoip", "database")));
        }
    }

    /** Modification time and size: a database updated in place (geoipupdate) is reopened on reload. */
    private static String stamp(Path database) {
        try {
            return java.nio.file.Files.getLastModifiedTime(database) + "/" + java.nio.file.Files.size(database);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
