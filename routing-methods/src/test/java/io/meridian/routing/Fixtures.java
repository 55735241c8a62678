package io.meridian.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Collectors;

/** Shared test data: client addresses (documentation ranges only), endpoints, profiles, health. */
final class Fixtures {
    static final String LONDON = "198.51.100.10";
    static final String LONDON_V6 = "2001:db8:1::10";
    static final String SEATTLE = "198.51.100.20";
    static final String NEW_YORK = "198.51.100.40";
    static final String TOKYO = "203.0.113.30";
    static final String TOKYO_V6 = "2001:db8:3::30";
    static final String SAO_PAULO = "203.0.113.50";
    static final String NOWHERE_POINT = "203.0.113.70";
    static final String UNKNOWN = "192.0.2.99";

    static final GeoPoint WESTUS2 = new GeoPoint(47.23, -119.85);
    static final GeoPoint WESTEUROPE = new GeoPoint(52.37, 4.90);
    static final GeoPoint EASTASIA = new GeoPoint(22.27, 114.19);
    static final GeoPoint EASTUS = new GeoPoint(37.37, -79.82);

    private Fixtures() {
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ClientContext client(String address) {
        return ClientContext.ofAddress(ip(address));
    }

    static ClientContext ecs(String address, int prefix) {
        return ClientContext.ofSubnet(ip(address), prefix);
    }

    static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** A leaf endpoint builder with sensible defaults (priority by order, weight 1, enabled). */
    static EndpointBuilder endpoint(String name) {
        return new EndpointBuilder(name);
    }

    static final class EndpointBuilder {
        private final String name;
        private Target target;
        private GeoPoint location;
        private int priority = 1;
        private int weight = 1;
        private List<String> geo = List.of();
        private List<Cidr> subnets = List.of();
        private boolean enabled = true;
        private boolean alwaysServe;
        private String child;
        private int minChild = 1;

        EndpointBuilder(String name) {
            this.name = name;
            String address = "192.0.2." + (Math.abs(name.hashCode()) % 250 + 1);
            this.target = new Target.Address(ip(address), address);
        }

        EndpointBuilder host(String host) {
            target = new Target.Host(host);
            return this;
        }

        EndpointBuilder at(GeoPoint point) {
            location = point;
            return this;
        }

        EndpointBuilder priority(int p) {
            priority = p;
            return this;
        }

        EndpointBuilder weight(int w) {
            weight = w;
            return this;
        }

        EndpointBuilder geo(String... codes) {
            geo = List.of(codes);
            return this;
        }

        EndpointBuilder subnets(String... cidrs) {
            subnets = Arrays.stream(cidrs).map(Fixtures::cidr).toList();
            return this;
        }

        EndpointBuilder disabled() {
            enabled = false;
            return this;
        }

        EndpointBuilder alwaysServe() {
            alwaysServe = true;
            return this;
        }

        EndpointBuilder nested(String childProfile, int minChildEndpoints) {
            target = null;
            child = childProfile;
            minChild = minChildEndpoints;
            return this;
        }

        Endpoint build() {
            return new Endpoint(name, target, location, priority, weight, geo, subnets, enabled, alwaysServe,
                    child, child == null ? 0 : minChild);
        }
    }

    static Cidr cidr(String text) {
        String[] parts = text.split("/");
        return new Cidr(ip(parts[0]), Integer.parseInt(parts[1]));
    }

    static ProfileDefinition profile(String name, MethodKind method, Fallback fallback, int maxAnswers,
                                     EndpointBuilder... endpoints) {
        return new ProfileDefinition(name, name + ".tm.example.test", method, Duration.ofSeconds(30), maxAnswers,
                fallback, Arrays.stream(endpoints).map(EndpointBuilder::build).toList());
    }

    static ProfileDefinition profile(String name, MethodKind method, EndpointBuilder... endpoints) {
        return profile(name, method, Fallback.NEAREST, 2, endpoints);
    }

    /** Health from "name=status" pairs (status by label: online, degraded, checking, disabled) for one profile. */
    static CellHealth health(String profile, String... pairs) {
        Map<EndpointId, HealthStatus> map = new HashMap<>();
        for (String pair : pairs) {
            String[] kv = pair.split("=");
            map.put(new EndpointId(profile, kv[0].trim()), HealthStatus.valueOf(kv[1].trim().toUpperCase()));
        }
        return CellHealth.of(map);
    }

    /** Health parsed from a table cell such as "a=online b=degraded" (blank = all checking). */
    static CellHealth healthCell(String profile, String cell) {
        return cell == null || cell.isBlank() ? CellHealth.of(Map.of()) : health(profile, cell.trim().split("\\s+"));
    }

    static String names(Decision decision) {
        return decision.answers().stream().map(Endpoint::name).collect(Collectors.joining(","));
    }

    static RoutingTable compile(GeoLocator locator, CellHealth health, ProfileDefinition... profiles) {
        return table(List.of(profiles), health, locator);
    }

    static RoutingTable table(List<ProfileDefinition> profiles, CellHealth health, GeoLocator locator) {
        return RoutingTable.compile(profiles, health, health, locator, LatencyEstimator.greatCircle());
    }
}
