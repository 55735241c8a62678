package io.meridian.dns;

import java.net.InetAddress;
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
        long start = System.nanoTime();
        DnsSnapshot snapshot = snapshots.get();
        // ThreadLocalRandom: one generator per event-loop thread, no contention
        DnsResponder.Reply reply = responder.respond(query, from, tcp, snapshot, ThreadLocalRandom.current());
        if (reply.wire() == null) {
            metrics.dropped();
            return null;
        }
        if (rateLimiter != null && !tcp) {
            ResponseRateLimiter.Verdict verdict = rateLimiter.account(from,
                    RateKeys.of(reply.wire(), snapshot == null ? null : snapshot.index()));
            if (verdict != ResponseRateLimiter.Verdict.PASS && !responder.hasValidServerCookie(query, from)) {
                boolean slip = verdict == ResponseRateLimiter.Verdict.SLIP;
                metrics.rateLimited(slip);
                return slip ? RateKeys.truncated(reply.wire()) : null;
            }
        }
        metrics.answered(reply.qtype(), reply.rcode(), reply.decision(), System.nanoTime() - start);
        return reply.wire();
    }
}
