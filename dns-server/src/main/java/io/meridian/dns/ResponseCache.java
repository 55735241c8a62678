package io.meridian.dns;

import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encoded responses to {@link SimpleQuery simple queries}, for as long as one zone index lives.
 * It only stores and patches bytes: {@link DnsResponder} decides everything (client, routing
 * decision, ECS scope, rcode) and asks here whether it has already encoded that outcome.
 *
 * <p>The key holds what the response depends on: lower-case name, type, EDNS shape (none, DO
 * clear, DO set), the ECS family, source prefix and echoed scope, and the decision's targets and
 * TTL. A hit is the stored bytes with the query's ID, RD and CD bits, question name (which
 * restores the query's letter case everywhere, as every other owner name is a compression
 * pointer into the question) and ECS address (the last bytes of the message: OPT is the last
 * record and ECS its only option). A COOKIE is not part of the key and never stored: the
 * responder stores the response without its COOKIE option and appends a fresh server cookie to
 * a hit ({@link DnsResponder}). The full response is stored; a hit that does not fit the
 * query's UDP size is answered by the full path, which truncates.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries, then new keys are simply not stored, so
 * random names cannot grow memory.
 */
final class ResponseCache {

    static final int MAX_ENTRIES = 10_000;

    /**
     * What a response depends on. The hash is computed once, when the key is made; equality
     * compares the targets by identity first, which is all it takes while the routing table keeps
     * its endpoints, and by value when a new table brought equal ones (a failover keeps the cache).
     */
    static final class Key {
        private final String name;
        private final int qtype;
        private final int edns;
        private final int ecs;
        private final Object[] targets;
        private final long ttl;
        private final boolean decided;
        private final int hash;

        private Key(String name, int qtype, int edns, int ecs, Object[] targets, long ttl, boolean decided) {
            this.name = name;
            this.qtype = qtype;
            this.edns = edns;
            this.ecs = ecs;
            this.targets = targets;
            this.ttl = ttl;
            this.decided = decided;
            int h = name.hashCode();
            h = 31 * h + qtype;
            h = 31 * h + edns;
            h = 31 * h + ecs;
            h = 31 * h + Long.hashCode(ttl);
            for (Object t : targets) {
                h = 31 * h + t.hashCode();
            }
            this.hash = h;
        }

        /** @param scope the ECS scope prefix the response echoes */
        static Key of(SimpleQuery sq, int scope, Decision decision) {
            int ecs = sq.hasEcs() ? sq.ecsFamily() << 16 | sq.ecsSource() << 8 | scope : 0;
            return decision == null ? new Key(sq.name(), sq.qtype(), sq.edns(), ecs, NO_TARGETS, 0, false)
                    : new Key(sq.name(), sq.qtype(), sq.edns(), ecs, targets(decision), decision.ttlSeconds(), true);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            if (k.hash != hash || k.qtype != qtype || k.edns != edns || k.ecs != ecs || k.ttl != ttl || k.decided != decided
                    || k.targets.length != targets.length || !k.name.equals(name)) {
                return false;
            }
            for (int i = 0; i < targets.length; i++) {
                if (k.targets[i] != targets[i] && !k.targets[i].equals(targets[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Object[] NO_TARGETS = {};

    record Entry(byte[] wire, int rcode) { }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    Entry get(Key key) {
        return entries.get(key);
    }

    void put(Key key, byte[] wire, int rcode) {
        if (entries.size() < MAX_ENTRIES) {
            entries.putIfAbsent(key, new Entry(wire, rcode));
        }
    }

    int size() {
        return entries.size();
    }

    /** The stored response as the answer to {@code q}: a copy with its ID, flags, name and ECS address. */
    static byte[] patch(Entry entry, byte[] q, SimpleQuery sq) {
        return patch(entry, q, sq, 0);
    }

    /** As {@link #patch(Entry, byte[], SimpleQuery)}, with {@code room} bytes left free at the end (for a cookie). */
    static byte[] patch(Entry entry, byte[] q, SimpleQuery sq, int room) {
        byte[] out = Arrays.copyOf(entry.wire, entry.wire.length + room);
        out[0] = q[0];
        out[1] = q[1];
        out[2] = (byte) ((out[2] & ~0x01) | (q[2] & 0x01)); // RD
        out[3] = (byte) ((out[3] & ~0x10) | (q[3] & 0x10)); // CD
        System.arraycopy(q, DnsResponder.HEADER_LENGTH, out, DnsResponder.HEADER_LENGTH, sq.nameLength());
        int ecsBytes = sq.ecsAddressLength();
        System.arraycopy(q, sq.ecsAddressOffset(), out, entry.wire.length - ecsBytes, ecsBytes); // nothing without ECS
        return out;
    }

    private static Object[] targets(Decision d) {
        List<Endpoint> answers = d.answers();
        Object[] targets = new Object[answers.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = answers.get(i).target();
        }
        return targets;
    }
}
