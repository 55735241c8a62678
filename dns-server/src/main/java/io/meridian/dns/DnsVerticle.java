package io.meridian.dns;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event loop's share of the server: a UDP socket and a TCP server per address. Several
 * instances bind the same ports (SO_REUSEPORT for UDP, Vert.x server sharing for TCP).
 */
final class DnsVerticle extends VerticleBase {

    private final List<InetSocketAddress> addresses;
    private final QueryHandler handler;
    private final UdpSockets udpTransport;
    private final DnsServerOptions options;
    private final AtomicInteger tcpConnections;
    private final boolean reusePort;
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final List<UdpSockets.UdpSocket> udpSockets = new ArrayList<>();

    DnsVerticle(List<InetSocketAddress> addresses, QueryHandler handler, UdpSockets udpTransport,
                DnsServerOptions options, AtomicInteger tcpConnections, boolean reusePort) {
        this.addresses = addresses;
        this.handler = handler;
        this.udpTransport = udpTransport;
        this.options = options;
        this.tcpConnections = tcpConnections;
        this.reusePort = reusePort;
    }

    /** The addresses with their actual ports, once started. */
    List<InetSocketAddress> bound() {
        return List.copyOf(bound);
    }

    @Override
    public Future<?> start() {
        Future<Void> chain = Future.succeededFuture();
        for (InetSocketAddress a : addresses) {
            chain = chain.compose(v -> listen(a, BIND_ATTEMPTS));
        }
        return chain;
    }

    /** Attempts at port 0: the free UDP port the OS picked may be taken for TCP; then another is tried. */
    private static final int BIND_ATTEMPTS = 5;

    private Future<Void> listen(InetSocketAddress a, int attempts) {
        // Vert.x 5 offers no public way to a context's Netty event loop; VertxUdpSockets says why it needs one
        return udpTransport.bind((ContextInternal) context, a, reusePort)
                .compose(udp -> listenTcp(a, udp.port()).transform(tcp -> {
                    if (tcp.succeeded()) {
                        udpSockets.add(udp);
                        return Future.succeededFuture();
                    }
                    if (a.getPort() != 0 || attempts <= 1) {
                        return udp.close().transform(ignored -> Future.failedFuture(tcp.cause()));
                    }
                    return udp.close().compose(v -> listen(a, attempts - 1));
                }));
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        for (UdpSockets.UdpSocket udp : udpSockets) {
            closing.add(udp.close());
        }
        return Future.join(closing); // the TCP servers close with the verticle
    }

    private Future<Void> listenTcp(InetSocketAddress a, int port) {
        NetServer server = vertx.createNetServer(new NetServerOptions()
                .setHost(a.getAddress().getHostAddress())
                .setPort(port)
                .setReusePort(reusePort)
                .setTcpNoDelay(true));
        server.connectHandler(this::onConnection);
        return server.listen().map(s -> {
            bound.add(new InetSocketAddress(a.getAddress(), port));
            return null;
        });
    }

    private void onConnection(NetSocket socket) {
        // the peer's address is a literal: parsed, never resolved
        InetAddress peer = NetUtil.createInetAddressFromIpAddressString(socket.remoteAddress().hostAddress());
        if (peer == null) {
            socket.close();
            return;
        }
        if (tcpConnections.incrementAndGet() > options.maxTcpConnections()) {
            tcpConnections.decrementAndGet();
            socket.close(); // over the cap: shed at once rather than queue (RFC 7766 section 6.2.2)
            return;
        }
        new TcpConnection(vertx, socket, peer, handler, options.tcpIdleTimeout().toMillis(), options.maxTcpInFlight())
                .start(tcpConnections::decrementAndGet);
    }
}
