package io.meridian.dns;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DnsTransport#MMSG}: a blocking socket per thread, as {@link BlockingUdpSockets}, read with
 * {@code recvmmsg(MSG_WAITFORONE)} and answered with one {@code sendmmsg} per batch through a small
 * JNI shim ({@link MmsgNative}), as gdnsd does: a batch of queries that queued while the thread
 * answered the previous one costs one receive and one send system call. The thread blocks in the
 * receive, so there is no readiness wait; the responses are written into the native buffer of the
 * socket, and the sender addresses are kept there for the send. A cached answer allocates
 * nothing on the way ({@link QueryHandler#handle(byte[], int, java.net.InetAddress, ByteBuffer, int,
 * QueryScratch)}), so at a steady load no garbage collection runs.
 */
final class MmsgUdpSockets extends ThreadPerSocket {

    private static final Logger LOG = LoggerFactory.getLogger(MmsgUdpSockets.class);
    /**
     * Datagrams per system call: gdnsd's width. A query waits for the rest of its batch before
     * the one send, and 16 measured the same per core as 32 with a shorter tail at half load
     * (docs/BENCHMARKS.md, issue 12, mmsg).
     */
    static final int BATCH = 16;
    /** The longest query read whole (a longer one arrives cut short and gets FORMERR, as on epoll). */
    static final int MAX_QUERY = 4096;
    /** The largest UDP response (the EDNS payload size is at most this). */
    static final int MAX_RESPONSE = 65535;
    /** Room for the responses of one batch; a batch whose responses do not fit is sent in parts. */
    static final int OUT_CAPACITY = 256 * 1024;

    private final QueryHandler handler;

    MmsgUdpSockets(QueryHandler handler) {
        super(DnsTransport.MMSG);
        this.handler = handler;
    }

    @Override
    public Future<UdpSocket> bind(ContextInternal context, InetSocketAddress address, boolean reusePort) {
        int fd;
        try {
            // binding a datagram socket does not wait on the network: fine on the deploying event loop
            InetAddress ip = address.getAddress();
            int scope = ip instanceof Inet6Address ? ((Inet6Address) ip).getScopeId() : 0;
            fd = MmsgNative.open(ip.getAddress(), scope, address.getPort(), reusePort, NettyUdpSockets.SOCKET_BUFFER);
        } catch (IOException e) {
            return Future.failedFuture(new IOException("UDP " + address + ": " + e.getMessage(), e));
        }
        try {
            Loop loop = new Loop(fd, MmsgNative.localPort(fd), MmsgNative.create(fd, BATCH, MAX_QUERY, OUT_CAPACITY),
                    context.promise());
            serve(loop);
            return Future.succeededFuture(loop);
        } catch (IOException | RuntimeException e) {
            MmsgNative.close(fd);
            return Future.failedFuture(e);
        }
    }

    /** One socket's receive-answer-send loop. */
    private final class Loop implements Runnable, UdpSocket {
        private final int fd;
        private final int port;
        private final long ctx;
        private final ByteBuffer in;
        private final ByteBuffer out;
        private final ByteBuffer meta;
        private final ByteBuffer peers;
        private final Promise<Void> stopped;
        private final QueryScratch scratch = new QueryScratch(MAX_QUERY);
        private volatile boolean closed;
        // the last sender, so a client that sends a burst costs one InetAddress
        private final byte[] lastPeer = new byte[16];
        private int lastFamily;
        private InetAddress lastAddress;

        Loop(int fd, int port, long ctx, Promise<Void> stopped) {
            this.fd = fd;
            this.port = port;
            this.ctx = ctx;
            this.in = MmsgNative.buffer(ctx, MmsgNative.IN);
            this.out = MmsgNative.buffer(ctx, MmsgNative.OUT);
            this.meta = MmsgNative.buffer(ctx, MmsgNative.META).order(ByteOrder.nativeOrder());
            this.peers = MmsgNative.buffer(ctx, MmsgNative.PEERS);
            this.stopped = stopped;
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    int n;
                    try {
                        n = MmsgNative.receive(ctx);
                    } catch (IOException e) {
                        LOG.debug("UDP {}: {}", port, e.toString()); // e.g. ICMP port unreachable
                        continue;
                    }
                    if (n == 0) {
                        break; // shut down
                    }
                    answer(n);
                }
            } catch (RuntimeException | Error e) {
                LOG.error("UDP {}: the mmsg receive loop failed; this socket no longer answers", port, e);
                throw e;
            } finally {
                synchronized (this) {
                    closed = true;
                    MmsgNative.destroy(ctx);
                }
                stopped.complete();
            }
        }

        private void answer(int n) {
            int pending = 0;
            int used = 0;
            byte[] query = scratch.query();
            for (int i = 0; i < n; i++) {
                if (used > OUT_CAPACITY - MAX_RESPONSE) {
                    MmsgNative.send(ctx, pending); // no room left for another response of the largest size
                    pending = 0;
                    used = 0;
                }
                int length = meta.getInt(i * MmsgNative.META_INTS * 4);
                in.get(i * MAX_QUERY, query, 0, length);
                int written = handler.handle(query, length, sender(i), out, used, scratch);
                if (written < 0) {
                    continue;
                }
                int at = pending * MmsgNative.META_INTS * 4;
                meta.putInt(at + 4, used).putInt(at + 8, written).putInt(at + 12, i);
                pending++;
                used += written;
            }
            if (pending > 0) {
                MmsgNative.send(ctx, pending);
            }
        }

        /** The sender of slot i, the last one's object again when it is the same address. */
        private InetAddress sender(int i) {
            int family = meta.getInt((i * MmsgNative.META_INTS + 4) * 4);
            int length = family == 4 ? 4 : 16;
            int at = i * MmsgNative.PEER_BYTES;
            boolean same = family == lastFamily;
            for (int b = 0; same && b < length; b++) {
                same = peers.get(at + b) == lastPeer[b];
            }
            if (!same) {
                byte[] address = new byte[length];
                peers.get(at, address);
                try {
                    lastAddress = InetAddress.getByAddress(address);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
                }
                System.arraycopy(address, 0, lastPeer, 0, length);
                lastFamily = family;
            }
            return lastAddress;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public Future<Void> close() {
            synchronized (this) {
                if (!closed) {
                    closed = true;
                    MmsgNative.shutdown(fd); // the receive returns 0, the loop ends and frees the socket
                }
            }
            return stopped.future();
        }
    }
}
