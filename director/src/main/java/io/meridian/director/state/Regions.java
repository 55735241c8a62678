package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import io.meridian.routing.GeoPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The regions the config's endpoints name (SPEC section 7), for region-wide operator actions.
 *
 * @param byEndpoint the region of every endpoint that names one, in config order
 * @param locations  each region's location: that of its first endpoint with one, in config order
 */
public record Regions(Map<EndpointId, String> byEndpoint, Map<String, GeoPoint> locations) {
    public static final Regions NONE = new Regions(Map.of(), Map.of());

    public Regions {
        byEndpoint = Collections.unmodifiableMap(new LinkedHashMap<>(byEndpoint));
        locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    /** Every region an endpoint names, in config order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(byEndpoint.values()));
    }

    public boolean contains(String region) {
        return byEndpoint.containsValue(region);
    }

    /** The endpoint's region; null if it names none. */
    public String of(EndpointId id) {
        return byEndpoint.get(id);
    }

    /** The endpoints of {@code region}, in config order. */
    public List<EndpointId> endpointsOf(String region) {
        List<EndpointId> ids = new ArrayList<>();
        byEndpoint.forEach((id, r) -> {
            if (r.equals(region)) {
                ids.add(id);
            }
        });
        return ids;
    }
}
