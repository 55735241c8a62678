package io.meridian.director.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Network;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Location;
import com.maxmind.geoip2.record.Subdivision;
import io.meridian.routing.GeoLocation;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.GeoPoint;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@link GeoLocator} over a MaxMind database (GeoIP2/GeoLite2 City, or Country with no
 * subdivision or coordinates). The file is memory-mapped once by {@link #open}; lookups do no
 * I/O beyond page faults and are thread-safe. Decoded records are cached (MaxMind's CHMCache),
 * so the routing hot path rarely decodes.
 */
public final class MaxMindGeoLocator implements GeoLocator, Closeable {
    private final DatabaseReader reader;
    private final Reader networks; // the raw tree: the network of an address the database does not know
    private final boolean city;
    private final String databaseType;

    private MaxMindGeoLocator(DatabaseReader reader, Reader networks) {
        this.reader = reader;
        this.networks = networks;
        this.databaseType = reader.getMetadata().getDatabaseType();
        this.city = databaseType.contains("City") || databaseType.contains("Enterprise");
    }

    /**
     * Opens a City or Country database. Blocking file I/O: call it off the event loop.
     *
     * @throws IOException              when the file cannot be read or is not a MaxMind DB
     * @throws IllegalArgumentException when it is another kind of database (ASN, ISP, ...)
     */
    public static MaxMindGeoLocator open(Path database) throws IOException {
        DatabaseReader reader = new DatabaseReader.Builder(database.toFile())
                .fileMode(Reader.FileMode.MEMORY_MAPPED)
                .withCache(new CHMCache())
                .build();
        String type = reader.getMetadata().getDatabaseType();
        if (!type.contains("City") && !type.contains("Country") && !type.contains("Enterprise")) {
            reader.close();
            throw new IllegalArgumentException(database + " is a " + type
                    + " database (expected: a City or Country database)");
        }
        return new MaxMindGeoLocator(reader, new Reader(database.toFile(), Reader.FileMode.MEMORY_MAPPED));
    }

    /** The database type from its metadata, e.g. {@code GeoLite2-City}. */
    public String databaseType() {
        return databaseType;
    }

    @Override
    public Optional<GeoLocation> locate(InetAddress address) {
        try {
            return city
                    ? reader.tryCity(address).map(r -> fromCity(r, address))
                    : reader.tryCountry(address).map(r -> from(r, null, null, address));
        } catch (IOException e) {
            throw new UncheckedIOException("GeoIP lookup of " + address.getHostAddress() + " failed", e);
        } catch (GeoIp2Exception e) {
            throw new IllegalStateException("GeoIP lookup of " + address.getHostAddress() + " failed", e);
        }
    }

    @Override
    public int unlocatedPrefix(InetAddress address, int sourcePrefix) {
        try {
            // no data there, so nothing is decoded: only the tree is walked
            Network empty = networks.getRecord(address, Map.class).getNetwork();
            return empty == null ? sourcePrefix : empty.getPrefixLength();
        } catch (IOException e) {
            throw new UncheckedIOException("GeoIP lookup of " + address.getHostAddress() + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        try (networks) {
            reader.close();
        }
    }

    private static GeoLocation fromCity(CityResponse response, InetAddress address) {
        Location location = response.getLocation();
        GeoPoint point = location != null && location.getLatitude() != null && location.getLongitude() != null
                ? new GeoPoint(location.getLatitude(), location.getLongitude())
                : null;
        // Traffic Manager's codes are first-level subdivisions (US-WA, CA-BC): the least specific one
        Subdivision subdivision = response.getLeastSpecificSubdivision();
        return from(response, subdivision == null ? null : subdivision.getIsoCode(), point, address);
    }

    private static GeoLocation from(AbstractCountryResponse response, String subdivisionCode, GeoPoint point,
                                    InetAddress address) {
        String country = response.getCountry() == null ? null : response.getCountry().getIsoCode();
        String continent = response.getContinent() == null ? null : response.getContinent().getCode();
        String subdivision = country != null && subdivisionCode != null ? country + "-" + subdivisionCode : null;
        Network network = response.getTraits() == null ? null : response.getTraits().getNetwork();
        // without a network, claim nothing wider than the address itself
        int prefix = network != null ? network.getPrefixLength() : address.getAddress().length * 8;
        return new GeoLocation(continent, country, subdivision, point, prefix);
    }
}
