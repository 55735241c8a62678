package io.meridian.dns;

import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import java.nio.ByteBuffer;
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
     *
     * <p>A key is stored immutable ({@link #of}); a UDP socket's thread also keeps one
     * {@link #probe() probe} that it {@link #set sets} for each lookup, which reads the targets
     * from the decision instead of copying them, so a hit allocates nothing.
     */
    static final class Key {
        private String name;
        private int qtype;
        private int edns;
        private int ecs;
        private Object[] targets;      // a stored key's targets
        private List<Endpoint> answers; // a probe's: the decision's answers, read in place
        private long ttl;
        private boolean decided;
        private int hash;

        private Key() {
        }

        /** A key to look up with, {@link #set} for each query; never stored. */
        static Key probe() {
            return new Key();
        }

        /** @param scope the ECS scope prefix the response echoes */
        static Key of(SimpleQuery sq, int scope, Decision decision) {
            Key k = new Key().set(sq, scope, decision);
            k.targets = decision == null ? NO_TARGETS : targets(decision);
            k.answers = null;
            return k;
        }

        /** This key, now for {@code sq}; the same fields as {@link #of}. */
        Key set(SimpleQuery sq, int scope, Decision decision) {
            this.name = sq.name();
            this.qtype = sq.qtype();
            this.edns = sq.edns();
            this.ecs = sq.hasEcs() ? sq.ecsFamily() << 16 | sq.ecsSource() << 8 | scope : 0;
            this.decided = decision != null;
            this.ttl = decision == null ? 0 : decision.ttlSeconds();
            this.answers = decision == null ? List.of() : decision.answers();
            this.targets = null;
            int h = name.hashCode();
            h = 31 * h + qtype;
            h = 31 * h + edns;
            h = 31 * h + ecs;
            h = 31 * h + Long.hashCode(ttl);
            for (int i = 0; i < answers.size(); i++) {
                h = 31 * h + answers.get(i).target().hashCode();
            }
            this.hash = h;
            return this;
        }

        private int targetCount() {
            return targets != null ? targets.length : answers.size();
        }

        private Object target(int i) {
            return targets != null ? targets[i] : answers.get(i).target();
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
            int n = targetCount();
            if (k.hash != hash || k.qtype != qtype || k.edns != edns || k.ecs != ecs || k.ttl != ttl || k.decided != decided
                    || k.targetCount() != n || !k.name.equals(name)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                Object mine = target(i);
                Object theirs = k.target(i);
                if (mine != theirs && !mine.equals(theirs)) {
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

    /**
     * As {@link #patch}, written into {@code out} at {@code at} instead of a new array (which must
     * fit); the response's length.
     */
    static int patchInto(Entry entry, byte[] q, SimpleQuery sq, ByteBuffer out, int at) {
        byte[] wire = entry.wire;
        out.put(at, wire);
        out.put(at, q[0]);
        out.put(at + 1, q[1]);
        out.put(at + 2, (byte) ((wire[2] & ~0x01) | (q[2] & 0x01))); // RD
        out.put(at + 3, (byte) ((wire[3] & ~0x10) | (q[3] & 0x10))); // CD
        out.put(at + DnsResponder.HEADER_LENGTH, q, DnsResponder.HEADER_LENGTH, sq.nameLength());
        int ecsBytes = sq.ecsAddressLength();
        out.put(at + wire.length - ecsBytes, q, sq.ecsAddressOffset(), ecsBytes); // nothing without ECS
        return wire.length;
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
