package io.meridian.routing;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A GeoLocator from a fixed table of addresses; counts lookups so tests can see who asked. */
final class FixedGeoLocator implements GeoLocator {
    private final Map<InetAddress, GeoLocation> table = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    FixedGeoLocator put(String address, GeoLocation location) {
        table.put(Fixtures.ip(address), location);
        return this;
    }

    @Override
    public Optional<GeoLocation> locate(InetAddress address) {
        lookups.incrementAndGet();
        return Optional.ofNullable(table.get(address));
    }

    int lookups() {
        return lookups.get();
    }

    /** London, Seattle (US-WA), Tokyo, Sao Paulo, Sydney clients in IPv4 and IPv6, from documentation ranges. */
    static FixedGeoLocator world() {
        return new FixedGeoLocator()
                .put(Fixtures.LONDON, new GeoLocation("EU", "GB", "GB-ENG", new GeoPoint(51.51, -0.09), 24))
                .put(Fixtures.LONDON_V6, new GeoLocation("EU", "GB", "GB-ENG", new GeoPoint(51.51, -0.09), 48))
                .put(Fixtures.SEATTLE, new GeoLocation("NA", "US", "US-WA", new GeoPoint(47.61, -122.33), 20))
                .put(Fixtures.NEW_YORK, new GeoLocation("NA", "US", "US-NY", new GeoPoint(40.71, -74.0), 22))
                .put(Fixtures.TOKYO, new GeoLocation("AS", "JP", "JP-13", new GeoPoint(35.68, 139.75), 16))
                .put(Fixtures.TOKYO_V6, new GeoLocation("AS", "JP", null, new GeoPoint(35.68, 139.75), 32))
                .put(Fixtures.SAO_PAULO, new GeoLocation("SA", "BR", "BR-SP", new GeoPoint(-23.55, -46.63), 18))
                .put(Fixtures.NOWHERE_POINT, new GeoLocation("OC", null, null, null, 8));
    }
}
