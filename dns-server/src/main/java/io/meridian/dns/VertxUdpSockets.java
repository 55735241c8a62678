package io.meridian.dns;

import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Future;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * {@link DnsTransport#VERTX}: each socket on its verticle's event loop, of Vert.x's own transport
 * (how Vert.x's DatagramSocket is built).
 *
 * <p>Vert.x internals, on purpose: Vert.x 5 has no public API that yields a context's Netty
 * event loop or its transport's datagram channel factory ({@code ContextInternal.nettyEventLoop},
 * {@code VertxInternal.transport}); they are the same calls Vert.x's own DatagramSocket makes.
 */
final class VertxUdpSockets implements UdpSockets {

    private final QueryHandler handler;

    VertxUdpSockets(QueryHandler handler) {
        this.handler = handler;
    }

    @Override
    @SuppressWarnings("deprecation") // InternetProtocolFamily: what Vert.x 5's transport SPI takes
    public Future<UdpSocket> bind(ContextInternal context, InetSocketAddress address, boolean reusePort) {
        VertxInternal vertx = context.owner();
        boolean v6 = address.getAddress() instanceof Inet6Address;
        DatagramChannel channel = vertx.transport().datagramChannel(v6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        vertx.transport().configure(channel, new DatagramSocketOptions().setIpV6(v6).setReusePort(reusePort)
                .setReceiveBufferSize(NettyUdpSockets.SOCKET_BUFFER).setSendBufferSize(NettyUdpSockets.SOCKET_BUFFER));
        return new UdpTransport(handler, context).bind(context.nettyEventLoop(), channel, address);
    }

    @Override
    public Future<Void> shutdown() {
        return Future.succeededFuture(); // the event loops are Vert.x's
    }

    @Override
    public DnsTransport transport() {
        return DnsTransport.VERTX;
    }
}
