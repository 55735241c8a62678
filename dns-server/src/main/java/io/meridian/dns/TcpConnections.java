package io.meridian.dns;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open DNS-over-TCP connections of one server, over all its event loops, and the cap on
 * them. At the cap a new connection is let in by shedding the one that has been idle longest
 * (no query for the longest time and no response still being written), as Knot does: an idle
 * flood then only ever displaces itself, while a connection that just asked something stays.
 * Refusing the newcomer instead (RFC 7766 section 6.2.2 allows either) would let a few
 * thousand idle sockets lock out every real TCP client until their idle timeout, and TCP is
 * where truncated and rate-limited (slipped) answers send real clients.
 */
final class TcpConnections {

    private final int max;
    private final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock admitting = new ReentrantLock();

    TcpConnections(int max) {
        this.max = max;
    }

    /**
     * Registers a new connection; at the cap sheds the longest idle one first. False when every
     * open connection has a response in flight: then the newcomer is the one to close.
     */
    boolean admit(TcpConnection connection) {
        admitting.lock(); // once per new connection, never per query: keeps the cap exact across event loops
        try {
            while (open.size() >= max) {
                TcpConnection victim = longestIdle();
                if (victim == null) {
                    return false;
                }
                if (open.remove(victim)) {
                    victim.shed(); // closes on its own event loop; its close handler finds it gone
                }
            }
            open.add(connection);
            return true;
        } finally {
            admitting.unlock();
        }
    }

    /** The connection closed (by either side). */
    void closed(TcpConnection connection) {
        open.remove(connection);
    }

    int size() {
        return open.size();
    }

    /** The open connection with the oldest last query and nothing in flight, or null. O(open), at the cap only. */
    private TcpConnection longestIdle() {
        TcpConnection oldest = null;
        long oldestNanos = 0;
        for (TcpConnection c : open) {
            if (c.busy()) {
                continue;
            }
            long last = c.lastActivityNanos();
            if (oldest == null || last - oldestNanos < 0) {
                oldest = c;
                oldestNanos = last;
            }
        }
        return oldest;
    }
}
