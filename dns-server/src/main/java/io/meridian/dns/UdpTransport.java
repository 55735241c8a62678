package io.meridian.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket as a Netty channel on one event loop (a Vert.x loop, or one of the DNS server's
 * own io_uring or epoll loops). Netty directly because Vert.x's {@code DatagramSocket.send} takes
 * a host string and resolves it for every datagram, and because responses can be flushed once
 * per read batch rather than once per datagram. Each response is written into a pooled direct
 * buffer of the channel's allocator, which the kernel reads without another copy.
 */
final class UdpTransport extends SimpleChannelInboundHandler<DatagramPacket> implements UdpSockets.UdpSocket {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final QueryHandler handler;
    private final ContextInternal context;
    private DatagramChannel channel;
    private int port;

    /** @param context where the futures of bind and close complete */
    UdpTransport(QueryHandler handler, ContextInternal context) {
        this.handler = handler;
        this.context = context;
    }

    /** Registers the configured channel on the loop and binds it; completes with this socket. */
    Future<UdpSockets.UdpSocket> bind(EventLoop loop, DatagramChannel unregistered, InetSocketAddress address) {
        channel = unregistered;
        channel.pipeline().addLast(this);
        Promise<UdpSockets.UdpSocket> bound = context.promise();
        loop.register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                bound.fail(registered.cause());
                return;
            }
            channel.bind(address).addListener(b -> {
                if (b.isSuccess()) {
                    port = ((InetSocketAddress) channel.localAddress()).getPort();
                    bound.complete(this);
                } else {
                    channel.close();
                    bound.fail(b.cause());
                }
            });
        });
        return bound.future();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Future<Void> close() {
        Promise<Void> closed = context.promise();
        channel.close().addListener(f -> closed.complete());
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
            ByteBuf out = ctx.alloc().directBuffer(response.length).writeBytes(response);
            ctx.write(new DatagramPacket(out, sender), ctx.voidPromise());
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
