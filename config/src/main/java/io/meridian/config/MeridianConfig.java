package io.meridian.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, valid configuration file with every default applied. Obtain one from
 * {@link ConfigLoader}; relative paths are already resolved against the file's directory.
 *
 * @param geoipDatabase the MaxMind {@code .mmdb} file, if configured (its existence is not checked here)
 * @param stateFile     where operator overrides are saved
 */
public record MeridianConfig(
        DnsConfig dns,
        HttpConfig http,
        Optional<Path> geoipDatabase,
        Path stateFile,
        List<ProfileConfig> profiles) {

    public MeridianConfig {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(geoipDatabase, "geoipDatabase");
        Objects.requireNonNull(stateFile, "stateFile");
        profiles = List.copyOf(profiles);
    }

    public Optional<ProfileConfig> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
