package io.meridian.dns;

import java.util.Locale;

/**
 * How UDP datagrams reach the responder, chosen once when the server starts. TCP always runs on
 * the Vert.x event loops.
 *
 * <ul>
 *   <li>{@link #IO_URING}: Netty's io_uring channels, one socket per thread of a loop group the
 *       DNS server owns (SO_REUSEPORT); submissions and completions are batched in the ring.</li>
 *   <li>{@link #EPOLL}: Netty's epoll channels on such a group of its own.</li>
 *   <li>{@link #MMSG}: a blocking socket per thread (SO_REUSEPORT) read with {@code recvmmsg} and
 *       answered with {@code sendmmsg}, through a JNI shim built with the jar (Linux, glibc): a batch
 *       of queries costs one receive and one send system call, and no readiness wait.</li>
 *   <li>{@link #BLOCKING}: pure Java, a blocking JDK {@code DatagramChannel} per thread
 *       (SO_REUSEPORT): one receive and one send system call per query, no readiness wait.</li>
 *   <li>{@link #VERTX}: a Netty channel on each Vert.x event loop, of Vert.x's transport (epoll
 *       or NIO); how the server ran before the transports were selectable.</li>
 *   <li>{@link #AUTO}: the first available of {@link #AUTO_ORDER} (today {@link #MMSG}, else {@link #BLOCKING}),
 *       with the choice logged.</li>
 * </ul>
 */
public enum DnsTransport {
    AUTO, MMSG, IO_URING, EPOLL, BLOCKING, VERTX;

    /**
     * What {@link #AUTO} tries, in order. {@link #MMSG} first, where its library loads;
     * {@link #BLOCKING} next because it measured the cheapest of the others per query
     * (docs/BENCHMARKS.md, issue 12: 1.11x epoll, 1.32x io_uring, 1.51x vertx QPS per server
     * core) and it is always available; the Netty ones are there to be named.
     */
    static final DnsTransport[] AUTO_ORDER = {MMSG, BLOCKING, IO_URING, EPOLL};

    /** The name used in the configuration and the logs, e.g. {@code io_uring}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
