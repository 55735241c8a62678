package io.meridian.dns;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DnsTransport#BLOCKING}, pure Java: a JDK {@code DatagramChannel} in blocking mode per
 * socket, served by a thread of its own (as gdnsd runs a loop per socket). The thread sleeps in
 * the receive call itself, so a query costs one receive and one send system call and no
 * readiness wait; the two direct buffers of each socket are reused for every datagram, so the
 * JDK copies nothing through temporary buffers. The thread is not an event loop: it only
 * answers from the snapshot, which never waits.
 */
final class BlockingUdpSockets extends ThreadPerSocket {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingUdpSockets.class);
    private static final int MAX_DATAGRAM = 65535;

    private final QueryHandler handler;

    BlockingUdpSockets(QueryHandler handler) {
        super(DnsTransport.BLOCKING);
        this.handler = handler;
    }

    @Override
    public Future<UdpSocket> bind(ContextInternal context, InetSocketAddress address, boolean reusePort) {
        try {
            // binding a datagram socket does not wait on the network: fine on the deploying event loop
            DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                if (reusePort && channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                channel.setOption(StandardSocketOptions.SO_RCVBUF, NettyUdpSockets.SOCKET_BUFFER);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, NettyUdpSockets.SOCKET_BUFFER);
                channel.bind(address);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            Loop loop = new Loop(channel, context.promise());
            serve(loop);
            return Future.succeededFuture(loop);
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** One socket's receive-answer-send loop. */
    private final class Loop implements Runnable, UdpSocket {
        private final DatagramChannel channel;
        private final int port;
        private final Promise<Void> stopped;

        Loop(DatagramChannel channel, Promise<Void> stopped) throws IOException {
            this.channel = channel;
            this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            this.stopped = stopped;
        }

        @Override
        public void run() {
            try {
                receiveAndAnswer();
            } finally {
                stopped.complete(); // the JDK closes the socket once this thread left its receive
            }
        }

        private void receiveAndAnswer() {
            ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
            ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
            while (channel.isOpen()) {
                try {
                    in.clear();
                    SocketAddress from = channel.receive(in);
                    in.flip();
                    byte[] query = new byte[in.remaining()];
                    in.get(query);
                    byte[] response = handler.handle(query, ((InetSocketAddress) from).getAddress(), false);
                    if (response != null) {
                        out.clear();
                        out.put(response).flip();
                        channel.send(out, from);
                    }
                } catch (ClosedChannelException e) {
                    return; // closed by close(), also when it interrupted a receive
                } catch (IOException e) {
                    LOG.debug("UDP {}: {}", port, e.toString()); // one datagram lost, e.g. a full send buffer
                }
            }
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public Future<Void> close() {
            try {
                channel.close();
                return stopped.future();
            } catch (IOException e) {
                return Future.failedFuture(e);
            }
        }
    }
}
