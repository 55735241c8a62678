package io.meridian.probes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * One fresh-connection plain-HTTP probe's connection: a raw non-blocking socket registered with the epoll
 * event loop as an {@link EpollIoHandle}, with Netty's HTTP/1.1 response decoder fed directly. It does what
 * HAProxy's checks do and nothing else: socket, SO_LINGER 0 and TCP_QUICKACK off, connect, one epoll
 * registration for in, out and edges, one write, reads, close. Netty's channel for the same probe makes about
 * 19 system calls (its pipeline asks for the local and peer addresses, the send buffer size, and changes the
 * epoll interest set five or six times); this makes about 10, and none of the channel's objects
 * (docs/probing.md, "Fresh connections on epoll").
 *
 * <p>On its event loop only. The owner hears of the connection through {@link Listener}, and every decoded
 * message is released after {@link Listener#read}.
 */
final class EpollHttpConnection implements EpollIoHandle {
    /** Linux's {@code IPPROTO_TCP} and {@code TCP_QUICKACK} (netinet/tcp.h); LinuxSocket's own setter is not public. */
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_QUICKACK = 12;
    private static final int FIRST_READ = 2048;
    private static final EpollIoOps INTEREST =
            EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT).with(EpollIoOps.EPOLLRDHUP).with(EpollIoOps.EPOLLET);

    /** What the exchange that owns the connection hears. */
    interface Listener {
        /** Connected: the request may be sent. */
        void connected();

        /** A message from the decoder: an {@code HttpResponse}, then {@code HttpContent}s. */
        void read(Object message);

        /** The peer closed (after any last message the decoder made of the end of the stream). */
        void closed();

        void failed(Throwable cause);
    }

    private final LinuxSocket socket;
    private final ByteBufAllocator alloc;
    private final Decoder decoder;
    private final Listener listener;
    private final List<Object> decoded = new ArrayList<>(4);
    private IoRegistration registration;
    private boolean connected;
    /** The listener heard {@link Listener#connected}. */
    private boolean announced;
    private byte[] request;
    private int written;
    private ByteBuf in;
    private boolean done;
    private final Open open;
    /** Links of {@link Open}'s list. */
    private EpollHttpConnection previous;
    private EpollHttpConnection next;

    /** A loop's open connections, linked through themselves (no map entry per probe); on that loop only. */
    static final class Open {
        private EpollHttpConnection head;

        /** Closes every connection; their exchanges hear of it as a failure. */
        void closeAll() {
            while (head != null) {
                head.fail(new ClosedChannelException());
            }
        }

        private void link(EpollHttpConnection c) {
            c.next = head;
            if (head != null) {
                head.previous = c;
            }
            head = c;
        }

        private void unlink(EpollHttpConnection c) {
            if (c.previous != null) {
                c.previous.next = c.next;
            } else {
                head = c.next;
            }
            if (c.next != null) {
                c.next.previous = c.previous;
            }
            c.previous = null;
            c.next = null;
        }
    }

    private EpollHttpConnection(LinuxSocket socket, Open open, ByteBufAllocator alloc, HttpDecoderConfig decoder,
                                Listener listener) {
        this.socket = socket;
        this.open = open;
        this.alloc = alloc;
        this.decoder = new Decoder(decoder);
        this.listener = listener;
    }

    /**
     * Opens a socket and starts connecting it to {@code remote} on {@code loop}, which must be the calling thread's
     * epoll loop. Throws what the socket calls throw (a refused connect can fail at once on loopback).
     */
    static EpollHttpConnection open(IoEventLoop loop, Open open, ByteBufAllocator alloc, HttpDecoderConfig decoder,
                                    InetSocketAddress remote, InetSocketAddress local, Listener listener)
            throws Exception {
        boolean v4 = remote.getAddress() instanceof Inet4Address
                && (local == null || local.getAddress() instanceof Inet4Address);
        LinuxSocket socket = LinuxSocket.newSocketStream(v4 ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6);
        EpollHttpConnection connection = new EpollHttpConnection(socket, open, alloc, decoder, listener);
        open.link(connection);
        try {
            // The prober closes first: a reset leaves no TIME_WAIT socket behind (see HttpProbe). No TCP_NODELAY:
            // the request goes out in one write and nothing follows it.
            socket.setSoLinger(0);
            // The handshake's last ACK rides on the request, and the answer is not ACKed before the close.
            socket.setIntOpt(IPPROTO_TCP, TCP_QUICKACK, 0);
            if (local != null) {
                socket.bind(local);
            }
            connection.connected = socket.connect(remote);
            Future<IoRegistration> registered = loop.register(connection);
            if (!registered.isSuccess()) { // on the loop's own thread the registration is done at once
                throw new IOException("cannot register a probe socket with the event loop", registered.cause());
            }
            connection.registration = registered.getNow();
            connection.registration.submit(INTEREST);
        } catch (Exception | Error e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Sends {@code request} once connected (at once when it already is). */
    void send(byte[] request) {
        this.request = request;
        if (connected) {
            write();
        }
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        try {
            boolean out = ops.contains(EpollIoOps.EPOLLOUT);
            if (!announced && !done && (out || ops.contains(EpollIoOps.EPOLLERR))) {
                // SO_ERROR: a refused or failed connect throws here. A connect that completed at once is announced
                // on the EPOLLOUT that registering a writable socket raises.
                connected = connected || socket.finishConnect();
                if (connected) {
                    announced = true;
                    listener.connected();
                }
            }
            if (announced && !done && out && request != null && written < request.length) {
                write(); // sent before the connect completed, or the rest of a partial write
            }
            // EPOLLHUP alone (no constant for it) is read as well: the read says what happened
            if (!done && (ops.contains(EpollIoOps.EPOLLIN) || ops.contains(EpollIoOps.EPOLLERR)
                    || !ops.contains(EpollIoOps.EPOLLOUT))) {
                read(ops.contains(EpollIoOps.EPOLLRDHUP) || ops.contains(EpollIoOps.EPOLLERR));
            }
        } catch (Exception e) {
            fail(e);
        }
    }

    private void write() {
        ByteBuf out = alloc.directBuffer(request.length - written);
        try {
            out.writeBytes(request, written, request.length - written);
            ByteBuffer nio = out.internalNioBuffer(0, out.readableBytes());
            written += socket.send(nio, nio.position(), nio.limit()); // the rest, if any, on the next EPOLLOUT edge
        } catch (IOException e) {
            fail(e);
        } finally {
            out.release();
        }
    }

    /**
     * Reads until the socket has nothing more: edge-triggered, so a read that fills the buffer reads again. A short
     * read means the receive queue is empty and new data raises a new edge; but a FIN that came with the data raised
     * its edge already ({@code peerClosed}), so then the read goes on to the end of the stream.
     */
    private void read(boolean peerClosed) throws Exception {
        while (!done) {
            if (in == null) {
                in = alloc.directBuffer(FIRST_READ);
            }
            in.ensureWritable(FIRST_READ / 2);
            int room = in.writableBytes();
            ByteBuffer nio = in.internalNioBuffer(in.writerIndex(), room);
            int n = socket.recv(nio, nio.position(), nio.limit());
            if (n < 0) {
                ended();
                return;
            }
            if (n == 0) {
                return; // EAGAIN
            }
            in.writerIndex(in.writerIndex() + n);
            decoder.decodeAll(in, decoded);
            deliver();
            if (in != null) {
                in.discardSomeReadBytes();
            }
            if (n < room && !peerClosed) {
                return;
            }
        }
    }

    private void ended() throws Exception {
        decoder.decodeLast(in == null ? Unpooled.EMPTY_BUFFER : in, decoded);
        deliver();
        if (!done) {
            listener.closed();
        }
        close();
    }

    private void deliver() {
        for (int i = 0; i < decoded.size(); i++) {
            Object message = decoded.get(i);
            try {
                if (!done) {
                    listener.read(message);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        decoded.clear();
    }

    private void fail(Throwable cause) {
        if (!done) {
            listener.failed(cause);
        }
        close();
    }

    /**
     * Closes the socket (a reset) and drops its registration. Closing first lets epoll forget the socket by
     * itself: the registration is then cancelled without a system call.
     */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        open.unlink(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do about a failed close of a probe socket
        }
        if (registration != null) {
            registration.cancel();
        }
        if (in != null) {
            in.release();
            in = null;
        }
    }

    /** Netty's decoder driven without a pipeline: its decode methods do not use the context. */
    private static final class Decoder extends HttpResponseDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        /** As ByteToMessageDecoder's loop: each call decodes one step (a head, a chunk), so call until none is made. */
        void decodeAll(ByteBuf buffer, List<Object> out) throws Exception {
            while (buffer.isReadable()) {
                int readable = buffer.readableBytes();
                decode(null, buffer, out);
                if (buffer.readableBytes() == readable) {
                    return; // needs more bytes (or made a message of none, as ByteToMessageDecoder refuses to loop on)
                }
            }
        }

        void decodeLast(ByteBuf buffer, List<Object> out) throws Exception {
            decodeLast(null, buffer, out);
        }
    }
}
