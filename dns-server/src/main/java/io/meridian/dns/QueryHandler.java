package io.meridian.dns;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The shell between a transport and the responder: snapshot read once, timing, metrics. */
final class QueryHandler {

    private final DnsResponder responder;
    private final Supplier<DnsSnapshot> snapshots;
    private final DnsMetrics metrics;

    QueryHandler(DnsResponder responder, Supplier<DnsSnapshot> snapshots, DnsMetrics metrics) {
        this.responder = responder;
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    /** The encoded response, or null to send nothing. Never throws. */
    byte[] handle(byte[] query, InetAddress from, boolean tcp) {
        long start = System.nanoTime();
        // ThreadLocalRandom: one generator per event-loop thread, no contention
        DnsResponder.Reply reply = responder.respond(query, from, tcp, snapshots.get(), ThreadLocalRandom.current());
        if (reply.wire() == null) {
            metrics.dropped();
            return null;
        }
        metrics.answered(reply.qtype(), reply.rcode(), reply.decision(), System.nanoTime() - start);
        return reply.wire();
    }
}
