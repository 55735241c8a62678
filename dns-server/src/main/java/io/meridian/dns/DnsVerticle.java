package io.meridian.dns;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.SocketAddressImpl;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of the server: a UDP socket and a TCP server per address. Several
 * instances bind the same ports (SO_REUSEPORT for UDP, Vert.x server sharing for TCP).
 */
final class DnsVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DnsVerticle.class);

    private final List<InetSocketAddress> addresses;
    private final QueryHandler handler;
    private final DnsServerOptions options;
    private final AtomicInteger tcpConnections;
    private final boolean reusePort;
    private final List<InetSocketAddress> bound = new ArrayList<>();

    DnsVerticle(List<InetSocketAddress> addresses, QueryHandler handler, DnsServerOptions options,
                AtomicInteger tcpConnections, boolean reusePort) {
        this.addresses = addresses;
        this.handler = handler;
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
            chain = chain.compose(v -> listenUdp(a)).compose(port -> listenTcp(a, port));
        }
        return chain;
    }

    private Future<Integer> listenUdp(InetSocketAddress a) {
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions()
                .setIpV6(a.getAddress() instanceof Inet6Address)
                .setReusePort(reusePort)
                .setReceiveBufferSize(1 << 20));
        socket.exceptionHandler(e -> LOG.warn("UDP socket {}: {}", a, e.toString()));
        socket.handler(packet -> onDatagram(socket, packet));
        return socket.listen(a.getPort(), a.getAddress().getHostAddress()).map(s -> s.localAddress().port());
    }

    private void onDatagram(DatagramSocket socket, DatagramPacket packet) {
        SocketAddress sender = packet.sender();
        InetAddress from = inet(sender);
        if (from == null) {
            return;
        }
        byte[] response = handler.handle(packet.data().getBytes(), from, false);
        if (response != null) {
            socket.send(io.vertx.core.buffer.Buffer.buffer(response), sender.port(), sender.hostAddress())
                    .onFailure(e -> LOG.debug("UDP send to {} failed: {}", sender, e.toString()));
        }
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
        InetAddress peer = inet(socket.remoteAddress());
        if (peer == null || tcpConnections.incrementAndGet() > options.maxTcpConnections()) {
            tcpConnections.decrementAndGet();
            socket.close(); // over the cap: shed at once rather than queue (RFC 7766 section 6.2.2)
            return;
        }
        new TcpConnection(vertx, socket, peer, handler, options.tcpIdleTimeout().toMillis(), options.maxTcpInFlight())
                .start(tcpConnections::decrementAndGet);
    }

    /** The peer's address without a name lookup. */
    private static InetAddress inet(SocketAddress address) {
        if (address instanceof SocketAddressImpl impl && impl.ipAddress() != null) {
            return impl.ipAddress();
        }
        try {
            return InetAddress.getByName(address.hostAddress()); // a literal: parsed, not resolved
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }
}
