package io.meridian.dns;

import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the UDP sockets of one {@link DnsTransport}, and owns the threads they run on. */
interface UdpSockets {

    /**
     * The sockets of the requested transport; for {@link DnsTransport#AUTO} the first available
     * of {@link DnsTransport#AUTO_ORDER}, logged with why the ones before it were skipped.
     *
     * @param threads threads of the native loop groups (one per socket of an address)
     * @throws IllegalStateException when a transport named explicitly is unavailable here
     */
    static UdpSockets open(DnsTransport requested, QueryHandler handler, int threads) {
        return open(requested, handler, threads, UdpSockets::unavailable);
    }

    /** As {@link #open(DnsTransport, QueryHandler, int)}, with what says whether a transport can run here. */
    static UdpSockets open(DnsTransport requested, QueryHandler handler, int threads,
                           Function<DnsTransport, Throwable> unavailability) {
        Logger log = LoggerFactory.getLogger(UdpSockets.class);
        DnsTransport[] candidates = requested == DnsTransport.AUTO ? DnsTransport.AUTO_ORDER : new DnsTransport[] {requested};
        for (DnsTransport t : candidates) {
            Throwable unavailable = unavailability.apply(t);
            if (unavailable == null) {
                log.info("DNS UDP transport: {} (asked for {})", t.configName(), requested.configName());
                switch (t) {
                    case IO_URING:
                        return NettyUdpSockets.ioUring(handler, threads);
                    case EPOLL:
                        return NettyUdpSockets.epoll(handler, threads);
                    case MMSG:
                        return new MmsgUdpSockets(handler);
                    case BLOCKING:
                        return new BlockingUdpSockets(handler);
                    default:
                        return new VertxUdpSockets(handler);
                }
            }
            if (requested != DnsTransport.AUTO) {
                throw new IllegalStateException("dns transport " + t.configName() + " is unavailable here: " + unavailable,
                        unavailable);
            }
            log.info("DNS UDP transport {} unavailable, trying the next: {}", t.configName(), unavailable.toString());
        }
        throw new AssertionError("blocking is always available");
    }

    /** Why the transport cannot run here, or null when it can. */
    static Throwable unavailable(DnsTransport t) {
        switch (t) {
            case IO_URING:
                return NettyUdpSockets.ioUringUnavailable();
            case EPOLL:
                return NettyUdpSockets.epollUnavailable();
            case MMSG:
                return MmsgNative.unavailable();
            default:
                return null;
        }
    }

    /**
     * Binds one UDP socket that answers through the handler it was made with.
     *
     * @param context   the deploying verticle's context (the Vert.x transport runs the socket on its loop)
     * @param reusePort SO_REUSEPORT, so several sockets share the address
     */
    Future<UdpSocket> bind(ContextInternal context, InetSocketAddress address, boolean reusePort);

    /** Stops the threads once every socket is closed. */
    Future<Void> shutdown();

    /** The transport these sockets use; never {@link DnsTransport#AUTO}. */
    DnsTransport transport();

    /** One bound socket. */
    interface UdpSocket {
        int port();

        Future<Void> close();
    }
}
