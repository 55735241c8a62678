package io.meridian.dns;

import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import java.net.InetAddress;

/**
 * What the allocation-free path ({@link DnsResponder#respondCached}) reuses for every query of
 * one UDP socket's thread, and what it last answered, for the metrics. Not thread-safe: one per
 * thread.
 */
final class QueryScratch {

    private final byte[] query;
    private final SimpleQuery simple = SimpleQuery.reusable();
    private final ResponseCache.Key key = ResponseCache.Key.probe();
    private InetAddress lastResolver;
    private ClientContext lastClient;
    private int qtype;
    private int rcode;
    private Decision decision;
    private byte[] stored;

    /** @param maxQuery the longest query the transport reads */
    QueryScratch(int maxQuery) {
        this.query = new byte[maxQuery];
    }

    /** Where the transport copies each query. */
    byte[] query() {
        return query;
    }

    SimpleQuery simple() {
        return simple;
    }

    ResponseCache.Key key() {
        return key;
    }

    /** The decision's client for a query without ECS: the last one's again for the same address object. */
    ClientContext client(InetAddress resolver) {
        if (resolver != lastResolver) {
            lastClient = ClientContext.ofAddress(resolver);
            lastResolver = resolver;
        }
        return lastClient;
    }

    /** @param stored the cached bytes the answer was patched from */
    void answered(int qtype, int rcode, Decision decision, byte[] stored) {
        this.qtype = qtype;
        this.rcode = rcode;
        this.decision = decision;
        this.stored = stored;
    }

    int qtype() {
        return qtype;
    }

    int rcode() {
        return rcode;
    }

    Decision decision() {
        return decision;
    }

    /** The cached bytes the last answer was patched from (ID, flags, name case and ECS address aside, the answer). */
    byte[] stored() {
        return stored;
    }
}
