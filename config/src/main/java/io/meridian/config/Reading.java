package io.meridian.config;

import java.nio.file.Path;

/** What every reader of one load shares: the file label, the environment, the base directory and the problems. */
record Reading(String file, EnvSubstitution env, Path baseDir, Problems problems) {

    /** A relative path in the config is resolved against the config file's directory. */
    Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }
}
