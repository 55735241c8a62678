package io.meridian.director.http;

import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import java.net.Inet6Address;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the HTTP redirector answers (SPEC section 6), as a pure function.
 *
 * <pre>
 * Host is a profile's redirectHost | decision has answers | result
 * ---------------------------------+----------------------+------------------------------------------
 * no                               | -                    | empty (not a redirect request)
 * yes                              | yes                  | 307, Location = scheme://first-answer-target/path?query,
 *                                  |                      |   Cache-Control: max-age=ttl
 * yes                              | no                   | 503 (no healthy, enabled endpoint)
 * </pre>
 *
 * The request's port is not carried over: gateways serve their scheme's standard port.
 */
record Redirect(int status, String location, long maxAgeSeconds, Decision decision) {

    /**
     * @param redirectHosts lower-case redirectHost -> profile name
     * @param hostHeader    the request's host (Host header or :authority), possibly with a port
     * @param scheme        {@code http} or {@code https}, as the request came in
     * @param uri           path and query, as the request came in
     */
    static Optional<Redirect> decide(Map<String, String> redirectHosts, String hostHeader, String scheme,
                                            String uri, ClientContext client, RoutingTable table,
                                            RandomGenerator random) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        String profile = redirectHosts.get(hostWithoutPort(hostHeader).toLowerCase(Locale.ROOT));
        if (profile == null) {
            return Optional.empty();
        }
        Decision decision = table.decide(profile, client, random);
        if (decision.answers().isEmpty()) {
            return Optional.of(new Redirect(503, null, 0, decision));
        }
        Endpoint chosen = decision.answers().get(0);
        String location = scheme + "://" + authority(chosen.target()) + (uri.startsWith("/") ? uri : "/" + uri);
        return Optional.of(new Redirect(307, location, decision.ttlSeconds(), decision));
    }

    static String hostWithoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
    }

    private static String authority(Target target) {
        if (target instanceof Target.Address a && a.address() instanceof Inet6Address) {
            return "[" + a.text() + "]";
        }
        return target.text();
    }
}
