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
 * @param cluster       the cluster this director belongs to; empty when it runs alone
 * @param latency       how measured latency is taken and kept (SPEC section 9)
 */
public record MeridianConfig(
        DnsConfig dns,
        HttpConfig http,
        Optional<Path> geoipDatabase,
        Path stateFile,
        Optional<ClusterConfig> cluster,
        List<ProfileConfig> profiles,
        LatencyConfig latency) {

    public MeridianConfig {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(geoipDatabase, "geoipDatabase");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(cluster, "cluster");
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(latency, "latency");
    }

    /** Without a {@code latency} section: its defaults. */
    public MeridianConfig(DnsConfig dns, HttpConfig http, Optional<Path> geoipDatabase, Path stateFile,
                          Optional<ClusterConfig> cluster, List<ProfileConfig> profiles) {
        this(dns, http, geoipDatabase, stateFile, cluster, profiles, LatencyConfig.DEFAULTS);
    }

    /**
     * This config's shared part (zones, profiles, monitors, HTTP token and redirect settings) with
     * {@code local}'s node-local keys: listen addresses, the DNS transport, the cluster section, the state file and
     * other file paths, the NSID. What a director serves when another director's config text reaches it.
     */
    public MeridianConfig withNodeLocal(MeridianConfig local) {
        return new MeridianConfig(
                dns.withNodeLocal(local.dns()),
                new HttpConfig(local.http().listen(), http.apiToken(), http.trustForwardedFor()),
                local.geoipDatabase(), local.stateFile(), local.cluster(), profiles, latency);
    }

    public Optional<ProfileConfig> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
