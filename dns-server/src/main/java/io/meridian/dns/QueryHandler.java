package io.meridian.dns;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The shell between a transport and the responder: snapshot read once, timing, metrics, and
 * response rate limiting of UDP responses (TCP is exempt: its clients cannot spoof their
 * address; so is a client that shows a valid server cookie, checked only for a response that is
 * about to be limited).
 */
final class QueryHandler {

    private final DnsResponder responder;
    private final Supplier<DnsSnapshot> snapshots;
    private final DnsMetrics metrics;
    private final ResponseRateLimiter rateLimiter;

    QueryHandler(DnsResponder responder, Supplier<DnsSnapshot> snapshots, DnsMetrics metrics) {
        this(responder, snapshots, metrics, null);
    }

    /** @param rateLimiter null: no rate limiting */
    QueryHandler(DnsResponder responder, Supplier<DnsSnapshot> snapshots, DnsMetrics metrics,
                 ResponseRateLimiter rateLimiter) {
        this.responder = responder;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
    }

    /** The encoded response, or null to send nothing. Never throws. */
    byte[] handle(byte[] query, InetAddress from, boolean tcp) {
        return handle(query, from, tcp, snapshots.get(), System.nanoTime());
    }

    /**
     * A UDP query in a transport's reused buffer (the first {@code length} bytes of {@code q}),
     * answered into {@code out} at {@code at}, which has room for the largest UDP response; the
     * response's length, or -1 to send nothing. Never throws. A cached answer is written there
     * without allocating, rate limited like any other (its key read from the stored bytes, the
     * same key: the name is compared without case); the rest take
     * {@link #handle(byte[], InetAddress, boolean)}'s path.
     */
    int handle(byte[] q, int length, InetAddress from, ByteBuffer out, int at, QueryScratch scratch) {
        long start = System.nanoTime();
        DnsSnapshot snapshot = snapshots.get();
        if (snapshot != null) {
            int n = responder.respondCached(q, length, from, snapshot, ThreadLocalRandom.current(), out, at, scratch);
            if (n > 0) {
                ResponseRateLimiter.Verdict verdict = verdict(from, scratch.stored(), snapshot);
                if (verdict != ResponseRateLimiter.Verdict.PASS && limited(verdict, Arrays.copyOf(q, length), from)) {
                    if (verdict != ResponseRateLimiter.Verdict.SLIP) {
                        return -1;
                    }
                    byte[] answer = new byte[n];
                    out.get(at, answer);
                    byte[] truncated = RateKeys.truncated(answer);
                    out.put(at, truncated);
                    return truncated.length;
                }
                metrics.answered(scratch.qtype(), scratch.rcode(), scratch.decision(), System.nanoTime() - start);
                return n;
            }
        }
        byte[] response = handle(Arrays.copyOf(q, length), from, false, snapshot, start);
        if (response == null) {
            return -1;
        }
        out.put(at, response);
        return response.length;
    }

    private byte[] handle(byte[] query, InetAddress from, boolean tcp, DnsSnapshot snapshot, long start) {
        // ThreadLocalRandom: one generator per event-loop thread, no contention
        DnsResponder.Reply reply = responder.respond(query, from, tcp, snapshot, ThreadLocalRandom.current());
        if (reply.wire() == null) {
            metrics.dropped();
            return null;
        }
        if (!tcp) {
            ResponseRateLimiter.Verdict verdict = verdict(from, reply.wire(), snapshot);
            if (verdict != ResponseRateLimiter.Verdict.PASS && limited(verdict, query, from)) {
                return verdict == ResponseRateLimiter.Verdict.SLIP ? RateKeys.truncated(reply.wire()) : null;
            }
        }
        metrics.answered(reply.qtype(), reply.rcode(), reply.decision(), System.nanoTime() - start);
        return reply.wire();
    }

    /** What rate limiting says of a UDP response (its bytes, for the key); PASS when it is off. */
    private ResponseRateLimiter.Verdict verdict(InetAddress from, byte[] wire, DnsSnapshot snapshot) {
        return rateLimiter == null ? ResponseRateLimiter.Verdict.PASS
                : rateLimiter.account(from, RateKeys.of(wire, snapshot == null ? null : snapshot.index()));
    }

    /**
     * Whether a response the limiter did not pass stays limited: not for a client that shows a
     * valid server cookie. Counted when it does.
     */
    private boolean limited(ResponseRateLimiter.Verdict verdict, byte[] query, InetAddress from) {
        if (responder.hasValidServerCookie(query, from)) {
            return false;
        }
        metrics.rateLimited(verdict == ResponseRateLimiter.Verdict.SLIP);
        return true;
    }
}
