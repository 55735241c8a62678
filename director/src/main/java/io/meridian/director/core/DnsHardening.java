package io.meridian.director.core;

import io.meridian.config.ClusterConfig;
import io.meridian.config.DnsConfig;
import io.meridian.config.MeridianConfig;
import io.meridian.config.RateLimitConfig;
import io.meridian.director.cluster.ClusterKeys;
import io.meridian.dns.DnsResponder;
import io.meridian.dns.RateLimit;
import io.meridian.dns.ResponseRateLimiter;
import io.meridian.dns.ServerCookies;
import io.meridian.dns.ServerIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The DNS hardening of SPEC section 10 from the config: identity (NSID, CHAOS), server cookies
 * and response rate limiting. Read once at start: a change to these keys applies at the next start.
 */
final class DnsHardening {

    private DnsHardening() {
    }

    /** The NSID: {@code dns.nsid}, else the cluster node name, else none. */
    static Optional<String> nsid(MeridianConfig config) {
        return config.dns().nsid().or(() -> config.cluster().map(ClusterConfig::node));
    }

    /**
     * The responder. In a cluster the cookie secret is derived from the cluster secret, so every
     * director verifies every other's cookies; that derivation (PBKDF2) takes about a second,
     * hence off the event loop. Alone, a random secret.
     */
    static Future<DnsResponder> responder(Vertx vertx, MeridianConfig config, InstantSource clock) {
        DnsConfig dns = config.dns();
        ServerIdentity identity = new ServerIdentity(nsid(config), dns.version());
        if (!dns.cookies()) {
            return Future.succeededFuture(new DnsResponder(dns.udpSize(), identity, ServerCookies.off()));
        }
        return vertx.executeBlocking(() -> config.cluster()
                        .map(c -> ServerCookies.of(ClusterKeys.purpose(c.secret(), "dns-cookie", 16), clock))
                        .orElseGet(() -> ServerCookies.random(clock)))
                .map(cookies -> new DnsResponder(dns.udpSize(), identity, cookies));
    }

    /** The rate limiter, or null when {@code dns.rateLimit} is not configured. */
    static ResponseRateLimiter rateLimiter(MeridianConfig config, InstantSource clock) {
        Optional<RateLimitConfig> rl = config.dns().rateLimit();
        return rl.map(r -> ResponseRateLimiter.create(new RateLimit(r.responsesPerSecond(), r.slip(), r.window(),
                r.ipv4Prefix(), r.ipv6Prefix(), RateLimit.DEFAULT_TABLE_SIZE), clock)).orElse(null);
    }
}
