package io.meridian.dns;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.net.InetAddress;

/**
 * One DNS-over-TCP connection (RFC 7766): two-byte length prefix, queries answered in the
 * order they complete (synchronously, so pipelined queries never wait for each other).
 * Closed when no complete query arrives for the idle timeout (a client that sends half a
 * frame and waits, or nothing at all), on a zero length prefix, or when the peer closes.
 * Reading pauses while {@code maxInFlight} responses are not yet written to the socket. At the
 * server's connection cap the longest idle connection is shed ({@link TcpConnections}).
 */
final class TcpConnection {

    private final Vertx vertx;
    private final NetSocket socket;
    private final InetAddress peer;
    private final QueryHandler handler;
    private final long idleMillis;
    private final int maxInFlight;
    private final RecordParser parser;
    private final Context context;
    private volatile long lastQueryNanos = System.nanoTime(); // read by TcpConnections from other event loops
    private long timer;
    private volatile int inFlight;
    private boolean paused;
    private boolean closed;
    private int expected = -1; // -1: reading the length prefix

    TcpConnection(Vertx vertx, NetSocket socket, InetAddress peer, QueryHandler handler, long idleMillis, int maxInFlight) {
        this.vertx = vertx;
        this.socket = socket;
        this.peer = peer;
        this.handler = handler;
        this.idleMillis = idleMillis;
        this.maxInFlight = maxInFlight;
        this.parser = RecordParser.newFixed(2, this::onRecord);
        this.context = vertx.getOrCreateContext();
    }

    /** When the last complete query arrived ({@link System#nanoTime}). */
    long lastActivityNanos() {
        return lastQueryNanos;
    }

    /** Whether a response is still being written to the socket: then it is not idle. */
    boolean busy() {
        return inFlight > 0;
    }

    /** Closes this connection to make room for a new one; safe from any thread. */
    void shed() {
        context.runOnContext(v -> socket.close());
    }

    void start(Runnable onClose) {
        socket.handler(parser);
        socket.exceptionHandler(e -> socket.close());
        socket.closeHandler(v -> {
            closed = true;
            vertx.cancelTimer(timer);
            onClose.run();
        });
        timer = vertx.setTimer(idleMillis, this::checkIdle);
    }

    private void onRecord(Buffer record) {
        if (expected < 0) {
            expected = record.getUnsignedShort(0);
            if (expected == 0) {
                socket.close(); // nothing can follow a zero-length message sensibly
                return;
            }
            parser.fixedSizeMode(expected);
            return;
        }
        expected = -1;
        parser.fixedSizeMode(2);
        lastQueryNanos = System.nanoTime();
        byte[] response = handler.handle(record.getBytes(), peer, true);
        if (response == null || closed) {
            return; // too short or not a query: nothing to say, keep reading
        }
        Buffer out = Buffer.buffer(response.length + 2).appendUnsignedShort(response.length).appendBytes(response);
        if (++inFlight >= maxInFlight && !paused) {
            paused = true;
            socket.pause();
        }
        socket.write(out).onComplete(ar -> {
            inFlight--;
            if (paused && inFlight < maxInFlight / 2 + 1 && !closed) {
                paused = false;
                socket.resume();
            }
        });
    }

    private void checkIdle(long id) {
        if (closed) {
            return;
        }
        long idleFor = (System.nanoTime() - lastQueryNanos) / 1_000_000;
        if (idleFor >= idleMillis) {
            socket.close();
        } else {
            timer = vertx.setTimer(idleMillis - idleFor, this::checkIdle);
        }
    }
}
