package io.meridian.dns;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link DnsTransport#IO_URING} and {@link DnsTransport#EPOLL}: Netty's native datagram channels
 * on a loop group the DNS server owns, so UDP does not share threads with HTTP, probes or TCP.
 * Sockets are handed to the group's threads in turn; with one socket per thread (the server
 * binds {@code instances} of each address) every thread serves its own SO_REUSEPORT socket.
 */
final class NettyUdpSockets implements UdpSockets {

    /** Kernel socket buffers: a burst of queries waits there instead of being dropped. */
    static final int SOCKET_BUFFER = 1 << 20;
    /** The largest query the epoll transport reads whole, and how many it reads per system call. */
    static final int MAX_QUERY = 4096;
    static final int BATCH = 16;

    private final DnsTransport transport;
    private final QueryHandler handler;
    private final MultiThreadIoEventLoopGroup group;
    private final Function<SocketProtocolFamily, DatagramChannel> channels;

    private NettyUdpSockets(DnsTransport transport, QueryHandler handler, int threads, IoHandlerFactory io,
                            Function<SocketProtocolFamily, DatagramChannel> channels) {
        this.transport = transport;
        this.handler = handler;
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("meridian-dns-udp", true), io);
        this.channels = channels;
    }

    /** The reason io_uring cannot be used here, or null when it can. */
    static Throwable ioUringUnavailable() {
        try {
            return IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
        } catch (LinkageError e) {
            return e; // the native jar is not on the class path
        }
    }

    /** The reason epoll cannot be used here, or null when it can. */
    static Throwable epollUnavailable() {
        try {
            return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
        } catch (LinkageError e) {
            return e;
        }
    }

    static NettyUdpSockets ioUring(QueryHandler handler, int threads) {
        return new NettyUdpSockets(DnsTransport.IO_URING, handler, threads, IoUringIoHandler.newFactory(),
                IoUringDatagramChannel::new);
    }

    static NettyUdpSockets epoll(QueryHandler handler, int threads) {
        return new NettyUdpSockets(DnsTransport.EPOLL, handler, threads, EpollIoHandler.newFactory(), family -> {
            // recvmmsg: up to BATCH datagrams per read call, each at most MAX_QUERY bytes (longer ones
            // arrive cut short and get FORMERR); the responses of one read go out in one sendmmsg
            EpollDatagramChannel c = new EpollDatagramChannel(family);
            c.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY);
            c.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(BATCH * MAX_QUERY));
            return c;
        });
    }

    @Override
    public Future<UdpSocket> bind(ContextInternal context, InetSocketAddress address, boolean reusePort) {
        DatagramChannel channel = channels.apply(address.getAddress() instanceof Inet6Address
                ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
        channel.config().setOption(UnixChannelOption.SO_REUSEPORT, reusePort);
        channel.config().setOption(ChannelOption.SO_RCVBUF, SOCKET_BUFFER);
        channel.config().setOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER);
        return new UdpTransport(handler, context).bind(group.next(), channel, address);
    }

    @Override
    public Future<Void> shutdown() {
        Promise<Void> done = Promise.promise();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete());
        return done.future();
    }

    @Override
    public DnsTransport transport() {
        return transport;
    }
}
