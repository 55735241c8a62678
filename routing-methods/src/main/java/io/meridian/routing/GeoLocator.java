package io.meridian.routing;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Maps a client address to a location. Implementations must be thread-safe and must not
 * block on I/O per call (the MaxMind reader memory-maps its file once, at construction).
 */
@FunctionalInterface
public interface GeoLocator {
    Optional<GeoLocation> locate(InetAddress address);

    /**
     * The ECS scope for an address {@link #locate} does not know: the prefix of the database's
     * empty network around it (every address in it is as unknown, so one cached answer serves
     * them all), longer than {@code sourcePrefix} when the database is more specific there (RFC
     * 7871 section 7.2.1). Without a database: the source prefix.
     */
    default int unlocatedPrefix(InetAddress address, int sourcePrefix) {
        return sourcePrefix;
    }

    /** A locator that knows nowhere: every method falls back as for an unknown location. */
    static GeoLocator none() {
        return address -> Optional.empty();
    }
}
