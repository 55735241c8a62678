package io.meridian.dns;

import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A hand-written table: every profile answers all its endpoints in order (as multivalue
 * would, without shuffling), except that a profile named "ecs" answers its first endpoint
 * for clients in 10.0.0.0/8 and its second otherwise, with scope 8 when the client came
 * from ECS; a profile named "fine" answers its first endpoint with scope 26 for every ECS
 * client (data more specific than a /24 source, RFC 7871 section 7.2.1); a profile named
 * "broken" throws.
 */
final class FakeRoutingTable implements RoutingTable {

    private final List<ProfileDefinition> profiles;

    FakeRoutingTable(ProfileDefinition... profiles) {
        this.profiles = List.of(profiles);
    }

    static ProfileDefinition profile(String name, String domain, long ttlSeconds, String... targets) {
        List<Endpoint> endpoints = new ArrayList<>();
        int i = 1;
        for (String t : targets) {
            endpoints.add(new Endpoint("e" + i, target(t), null, i, 100, List.of(), List.of(), true, false, null, 0));
            i++;
        }
        return new ProfileDefinition(name, domain, MethodKind.MULTIVALUE, Duration.ofSeconds(ttlSeconds),
                targets.length, Fallback.NONE, endpoints);
    }

    private static Target target(String t) {
        if (Character.isLetter(t.charAt(0)) && !t.contains(":")) {
            return new Target.Host(t);
        }
        try {
            return new Target.Address(InetAddress.getByName(t), t); // literals only: never a lookup
        } catch (Exception e) {
            throw new IllegalArgumentException(t, e);
        }
    }

    @Override
    public Optional<ProfileDefinition> profileForDomain(String fqdn) {
        return profiles.stream().filter(p -> p.domain().equals(fqdn)).findFirst();
    }

    @Override
    public Optional<ProfileDefinition> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<ProfileDefinition> profiles() {
        return profiles;
    }

    @Override
    public HealthStatus statusOf(EndpointId id) {
        return HealthStatus.ONLINE;
    }

    @Override
    public HealthStatus healthOf(EndpointId id) {
        return HealthStatus.ONLINE;
    }

    @Override
    public boolean failingOpen(String profile) {
        return false;
    }

    @Override
    public Decision decide(String name, ClientContext client, RandomGenerator random) {
        ProfileDefinition p = profile(name).orElseThrow();
        long ttl = p.ttl().getSeconds();
        if (name.equals("broken")) {
            throw new IllegalStateException("broken profile");
        }
        if (name.equals("fine")) {
            return new Decision(name, List.of(p.endpoints().get(0)), ttl, client.fromEcs() ? 26 : 0, false, "fake");
        }
        if (name.equals("ecs")) {
            byte[] a = client.address().getAddress();
            boolean inTen = a.length == 4 && a[0] == 10 && client.sourcePrefix() >= 8;
            Endpoint e = p.endpoints().get(inTen ? 0 : 1);
            return new Decision(name, List.of(e), ttl, client.fromEcs() ? Math.min(8, client.sourcePrefix()) : 0,
                    false, "fake");
        }
        return new Decision(name, p.endpoints(), ttl, 0, false, "fake: " + Arrays.toString(p.endpoints().toArray()));
    }
}
