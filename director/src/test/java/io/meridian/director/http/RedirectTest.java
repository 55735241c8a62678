package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.ClientContext;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.HealthView;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mirrors the decision table in {@link Redirect}'s comment, row for row. */
class RedirectTest {
    private static final Map<String, String> HOSTS = Map.of("api.contoso.test", "contoso");
    private static final ClientContext CLIENT = ClientContext.ofAddress(InetAddress.getLoopbackAddress());

    @Test
    void row1HostIsNotARedirectHost() {
        assertThat(decide("other.test", table(true, true))).isEmpty();
        assertThat(decide(null, table(true, true))).isEmpty();
    }

    @Test
    void row2AnsweredWith307KeepingSchemePathAndQueryAndDroppingThePort() {
        Redirect r = decide("API.contoso.test:8080", table(true, true)).orElseThrow();
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.location()).isEqualTo("https://contoso-westus2-01.regional.azure-api.net/a/b?c=1&d=%20");
        assertThat(r.maxAgeSeconds()).isEqualTo(10);
    }

    @Test
    void row2AnIpv6TargetIsBracketed() {
        Redirect r = decide("api.contoso.test", tableWith(new Target.Address(address("2001:db8::1"), "2001:db8::1"), true)).orElseThrow();
        assertThat(r.location()).isEqualTo("https://[2001:db8::1]/a/b?c=1&d=%20");
    }

    @Test
    void row3NoEnabledEndpointIs503() {
        assertThat(decide("api.contoso.test", table(false, false)).orElseThrow().status()).isEqualTo(503);
    }

    private static Optional<Redirect> decide(String host, RoutingTable table) {
        return Redirect.decide(HOSTS, host, "https", "/a/b?c=1&d=%20", CLIENT, table, new SplittableRandom(1));
    }

    private static RoutingTable table(boolean firstEnabled, boolean secondEnabled) {
        Endpoint west = endpoint("westus2", new Target.Host("contoso-westus2-01.regional.azure-api.net"), 1, firstEnabled);
        Endpoint east = endpoint("eastasia", new Target.Host("contoso-eastasia-01.regional.azure-api.net"), 2, secondEnabled);
        return compile(List.of(west, east));
    }

    private static RoutingTable tableWith(Target target, boolean enabled) {
        return compile(List.of(endpoint("only", target, 1, enabled)));
    }

    private static RoutingTable compile(List<Endpoint> endpoints) {
        ProfileDefinition profile = new ProfileDefinition("contoso", "contoso.tm.example.test", MethodKind.PRIORITY,
                Duration.ofSeconds(10), 2, Fallback.NEAREST, endpoints);
        HealthView online = id -> HealthStatus.ONLINE;
        return RoutingTable.compile(List.of(profile), online, GeoLocator.none());
    }

    private static Endpoint endpoint(String name, Target target, int priority, boolean enabled) {
        return new Endpoint(name, target, null, priority, 1, List.of(), List.of(), enabled, false, null, 0);
    }

    private static InetAddress address(String literal) {
        return ClientAddress.literal(literal);
    }

    static EndpointId id(String endpoint) {
        return new EndpointId("contoso", endpoint);
    }
}
