package io.meridian.probes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A probe-scale gateway at the least CPU per request (not a test): answers every HTTP/1.1 request on its
 * connection with {@code 200 OK} and the body {@code OK}, without parsing more than the end of the head and
 * a {@code Connection: close}; closes after the answer when the request asked for it. The Vert.x HTTP
 * server took 0.7-0.9 of this 2-core machine's cores at 5,000-9,000 requests/s with a fresh connection per
 * probe, leaving the prober (and HAProxy as the peer) short of CPU: real gateways are not on the prober's
 * cores. One instance per connection, on its event loop.
 */
final class CannedGatewayHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] KEEP = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nOK"
            .getBytes(StandardCharsets.US_ASCII);
    /** A request head longer than this is not a probe's: the connection is closed. */
    private static final int MAX_HEAD = 8192;

    private final LongAdder answered;
    private final StringBuilder head = new StringBuilder(256);

    CannedGatewayHandler(LongAdder answered) {
        this.answered = answered;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            head.append(in.toString(StandardCharsets.US_ASCII));
        } finally {
            in.release();
        }
        int end;
        while ((end = head.indexOf("\r\n\r\n")) >= 0) {
            boolean close = head.substring(0, end).toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
            head.delete(0, end + 4);
            answered.increment();
            if (close) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(CLOSE)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(KEEP));
        }
        if (head.length() > MAX_HEAD) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // e.g. the prober's reset after it read the answer
    }
}
