package io.meridian.dns;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the transports that serve each socket from a thread of their own ({@link DnsTransport#MMSG},
 * {@link DnsTransport#BLOCKING}) share: the threads, started per socket and named after the
 * transport. Each thread ends when its socket closes, so there is nothing else to stop.
 */
abstract class ThreadPerSocket implements UdpSockets {

    private final DnsTransport transport;
    private final AtomicInteger threads = new AtomicInteger();

    ThreadPerSocket(DnsTransport transport) {
        this.transport = transport;
    }

    /** Runs one socket's loop on a daemon thread of its own. */
    final void serve(Runnable loop) {
        Thread thread = new Thread(loop, "meridian-dns-udp-" + transport.configName() + "-" + threads.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public final Future<Void> shutdown() {
        return Future.succeededFuture(); // each thread ends when its socket closes
    }

    @Override
    public final DnsTransport transport() {
        return transport;
    }
}
