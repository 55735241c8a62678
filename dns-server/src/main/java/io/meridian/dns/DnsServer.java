package io.meridian.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The authoritative DNS server: UDP and TCP on every listen address, spread over the event
 * loops. Each query reads {@code snapshots.get()} once and is answered by the {@link DnsResponder}.
 * For several sockets per address (SO_REUSEPORT) create the Vertx instance with
 * {@code new VertxOptions().setPreferNativeTransport(true)}; without the native transport
 * one socket per address and protocol is used.
 */
public interface DnsServer {

    static DnsServer create(Vertx vertx, DnsServerOptions options, DnsResponder responder,
                            Supplier<DnsSnapshot> snapshots, DnsMetrics metrics) {
        return new VertxDnsServer(vertx, options, new QueryHandler(responder, snapshots, metrics, null));
    }

    /** As {@link #create(Vertx, DnsServerOptions, DnsResponder, Supplier, DnsMetrics)}, with response rate limiting. */
    static DnsServer create(Vertx vertx, DnsServerOptions options, DnsResponder responder,
                            Supplier<DnsSnapshot> snapshots, DnsMetrics metrics, ResponseRateLimiter rateLimiter) {
        return new VertxDnsServer(vertx, options, new QueryHandler(responder, snapshots, metrics, rateLimiter));
    }

    /** Binds every address (UDP first, then TCP on the same port) and starts answering. */
    Future<Void> start();

    /** The bound address for each listen address, in order, with the actual port (UDP and TCP share it). */
    List<InetSocketAddress> boundAddresses();

    /** Closes every socket and TCP connection. */
    Future<Void> stop();
}
