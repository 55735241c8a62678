package io.meridian.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket on one event loop, as a Netty channel registered on the Vert.x context's
 * event loop (how Vert.x's own DatagramSocket is built). Netty directly because Vert.x's
 * {@code DatagramSocket.send} takes a host string and resolves it for every datagram, and
 * because responses can be flushed once per read batch rather than once per datagram.
 *
 * <p>Vert.x internals, on purpose: Vert.x 5 has no public API that yields a context's Netty
 * event loop or its transport's datagram channel factory ({@code ContextInternal.nettyEventLoop},
 * {@code VertxInternal.transport}); they are the same calls Vert.x's own DatagramSocket makes.
 */
final class UdpTransport extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final QueryHandler handler;
    private DatagramChannel channel;

    UdpTransport(QueryHandler handler) {
        this.handler = handler;
    }

    /** Binds on the context's event loop; completes with the bound port. */
    Future<Integer> bind(ContextInternal context, InetSocketAddress address, boolean reusePort) {
        VertxInternal vertx = context.owner();
        boolean v6 = address.getAddress() instanceof Inet6Address;
        channel = vertx.transport().datagramChannel(v6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        vertx.transport().configure(channel, new DatagramSocketOptions()
                .setIpV6(v6).setReusePort(reusePort).setReceiveBufferSize(1 << 20).setSendBufferSize(1 << 20));
        channel.pipeline().addLast(this);
        Promise<Integer> bound = context.promise();
        context.nettyEventLoop().register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                bound.fail(registered.cause());
                return;
            }
            channel.bind(address).addListener(b -> {
                if (b.isSuccess()) {
                    bound.complete(((InetSocketAddress) channel.localAddress()).getPort());
                } else {
                    bound.fail(b.cause());
                }
            });
        });
        return bound.future();
    }

    Future<Void> close(ContextInternal context) {
        Promise<Void> closed = context.promise();
        if (channel == null) {
            closed.complete();
        } else {
            channel.close().addListener(f -> closed.complete());
        }
        return closed.future();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        byte[] query = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), query);
        InetSocketAddress sender = packet.sender();
        byte[] response = handler.handle(query, sender.getAddress(), false);
        if (response != null) {
            ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(response), sender), ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // one flush per batch of datagrams read in this wake-up
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("UDP {}: {}", ctx.channel().localAddress(), cause.toString()); // e.g. ICMP port unreachable
    }
}
