package io.meridian.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the DNS server listens.
 *
 * @param listen            addresses to serve UDP and TCP on (IPv4 or IPv6; port 0 picks one)
 * @param ednsUdpSize       our EDNS UDP payload size: the cap on UDP responses to EDNS queries
 * @param tcpIdleTimeout    a TCP connection without a complete query for this long is closed,
 *                          including one that sent half a frame and waits
 * @param maxTcpConnections concurrent TCP connections over all addresses; more are closed at once
 * @param maxTcpInFlight    responses written but not yet flushed per connection before the
 *                          server stops reading from it (back-pressure on pipelining clients)
 * @param instances         sockets per address and protocol, each on its own event loop
 *                          (SO_REUSEPORT; needs the native epoll transport, else 1 is used)
 * @param transport         how UDP is served ({@link DnsTransport#AUTO}: the first available)
 */
public record DnsServerOptions(
        List<InetSocketAddress> listen,
        int ednsUdpSize,
        Duration tcpIdleTimeout,
        int maxTcpConnections,
        int maxTcpInFlight,
        int instances,
        DnsTransport transport) {

    public static final int DEFAULT_EDNS_UDP_SIZE = 1232;
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_TCP_IN_FLIGHT = 100;

    public DnsServerOptions {
        listen = List.copyOf(listen);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("listen: [] (expected: at least one address)");
        }
        for (InetSocketAddress a : listen) {
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("listen: " + a + " (expected: an IP address, not a host name)");
            }
        }
        if (ednsUdpSize < 512 || ednsUdpSize > 65535) {
            throw new IllegalArgumentException("ednsUdpSize: " + ednsUdpSize + " (expected: 512..65535)");
        }
        Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        if (tcpIdleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("tcpIdleTimeout: " + tcpIdleTimeout + " (expected: at least 1ms)");
        }
        if (maxTcpConnections < 1) {
            throw new IllegalArgumentException("maxTcpConnections: " + maxTcpConnections + " (expected: >= 1)");
        }
        if (maxTcpInFlight < 1) {
            throw new IllegalArgumentException("maxTcpInFlight: " + maxTcpInFlight + " (expected: >= 1)");
        }
        if (instances < 1 || instances > 256) {
            throw new IllegalArgumentException("instances: " + instances + " (expected: 1..256)");
        }
        Objects.requireNonNull(transport, "transport");
    }

    /** With the transport chosen at start ({@link DnsTransport#AUTO}). */
    public DnsServerOptions(List<InetSocketAddress> listen, int ednsUdpSize, Duration tcpIdleTimeout,
                            int maxTcpConnections, int maxTcpInFlight, int instances) {
        this(listen, ednsUdpSize, tcpIdleTimeout, maxTcpConnections, maxTcpInFlight, instances, DnsTransport.AUTO);
    }

    /** Defaults for everything but the addresses; one socket per available processor. */
    public static DnsServerOptions of(List<InetSocketAddress> listen) {
        return new DnsServerOptions(listen, DEFAULT_EDNS_UDP_SIZE, DEFAULT_TCP_IDLE_TIMEOUT,
                DEFAULT_MAX_TCP_CONNECTIONS, DEFAULT_MAX_TCP_IN_FLIGHT,
                Runtime.getRuntime().availableProcessors(), DnsTransport.AUTO);
    }

    public DnsServerOptions withInstances(int n) {
        return new DnsServerOptions(listen, ednsUdpSize, tcpIdleTimeout, maxTcpConnections, maxTcpInFlight, n, transport);
    }

    public DnsServerOptions withTcpIdleTimeout(Duration d) {
        return new DnsServerOptions(listen, ednsUdpSize, d, maxTcpConnections, maxTcpInFlight, instances, transport);
    }

    public DnsServerOptions withMaxTcpConnections(int n) {
        return new DnsServerOptions(listen, ednsUdpSize, tcpIdleTimeout, n, maxTcpInFlight, instances, transport);
    }

    public DnsServerOptions withTransport(DnsTransport t) {
        return new DnsServerOptions(listen, ednsUdpSize, tcpIdleTimeout, maxTcpConnections, maxTcpInFlight, instances, t);
    }
}
