package io.meridian.dns;

import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.ProfileDefinition;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * Encoded responses of one snapshot generation, for the common query shape: one question of
 * plain LDH labels, class IN, no answer or authority records, at most one EDNS(0) OPT whose
 * only option, if any, is a well-formed Client Subnet. Anything else takes the full dnsjava path.
 *
 * <p>The routing decision is still made for every query; the key holds what the response
 * depends on: lower-case name, type, EDNS shape (none, DO clear, DO set), the ECS family,
 * source prefix and echoed scope, and the decision's targets and TTL. A hit copies the stored
 * bytes and patches the ID, the RD and CD bits, the question name (which restores the query's
 * letter case everywhere, as every other owner name is a compression pointer into the
 * question) and the ECS address (the last bytes of the message: OPT is the only additional
 * record and ECS its only option). The full response is stored; a hit that does not fit the
 * query's UDP size goes the full path, which truncates.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries per generation, then new keys are simply
 * not stored, so random names cannot grow memory.
 */
final class ResponseCache {

    static final int MAX_ENTRIES = 10_000;
    private static final int NO_EDNS = 0;

    private record Key(String name, int qtype, int edns, int ecs, Object targets, long ttl) { }

    private record Entry(byte[] wire, int rcode) { }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The reply from the cache (filling it on a miss), or null when the full path must answer. */
    DnsResponder.Reply answer(byte[] q, InetAddress resolver, int transportLimit, ZoneIndex idx,
                              RandomGenerator random, DnsResponder responder) {
        SimpleQuery sq = SimpleQuery.parse(q);
        if (sq == null) {
            return null;
        }
        Decision decision = null;
        ProfileDefinition profile = idx.routedProfile(sq.name(), sq.qtype(), idx.isApex(sq.name()));
        if (profile != null) {
            try {
                ClientContext client = sq.ecsFamily() == 0 ? ClientContext.ofAddress(resolver)
                        : ClientContext.ofSubnet(sq.ecsAddress(q), sq.ecsSource());
                decision = idx.snapshot.table().decide(profile.name(), client, random);
            } catch (RuntimeException e) {
                return null; // the full path decides again and answers SERVFAIL
            }
        }
        int scope = decision == null ? 0 : Math.min(decision.scopePrefix(), sq.ecsSource());
        int ecs = sq.ecsFamily() == 0 ? 0 : sq.ecsFamily() << 16 | sq.ecsSource() << 8 | scope;
        Key key = new Key(sq.name(), sq.qtype(), sq.edns(), ecs, decision == null ? null : targets(decision),
                decision == null ? 0 : decision.ttlSeconds());
        Entry entry = entries.get(key);
        int limit = transportLimit > 512 || sq.edns() == NO_EDNS ? transportLimit : responder.udpLimit(sq.udpSize());
        if (entry == null || entry.wire.length > limit) {
            Decision d = decision;
            Message parsed;
            try {
                parsed = new Message(q);
            } catch (Exception e) {
                return null;
            }
            DnsResponder.Result r = responder.respond(parsed, resolver, idx, (p, c) -> d);
            if (entry == null && entries.size() < MAX_ENTRIES) {
                entries.putIfAbsent(key, new Entry(r.message().toWire(), r.rcode()));
            }
            return new DnsResponder.Reply(r.message().toWire(limit), sq.qtype(), r.rcode(), d);
        }
        byte[] out = entry.wire.clone();
        out[0] = q[0];
        out[1] = q[1];
        out[2] = (byte) ((out[2] & ~0x01) | (q[2] & 0x01)); // RD
        out[3] = (byte) ((out[3] & ~0x10) | (q[3] & 0x10)); // CD
        System.arraycopy(q, DnsResponder.HEADER_LENGTH, out, DnsResponder.HEADER_LENGTH, sq.nameLength());
        int ecsBytes = q.length - sq.ecsAddressOffset();
        System.arraycopy(q, sq.ecsAddressOffset(), out, out.length - ecsBytes, ecsBytes); // nothing without ECS
        return new DnsResponder.Reply(out, sq.qtype(), entry.rcode, decision);
    }

    int size() {
        return entries.size();
    }

    private static Object targets(Decision d) {
        List<Endpoint> answers = d.answers();
        if (answers.size() == 1) {
            return answers.get(0).target();
        }
        List<Object> targets = new ArrayList<>(answers.size());
        for (Endpoint e : answers) {
            targets.add(e.target());
        }
        return targets;
    }

    /** The parts of a simple query the cache needs; parsed by hand, without dnsjava objects. */
    record SimpleQuery(String name, int nameLength, int qtype, int edns, int udpSize,
                       int ecsFamily, int ecsSource, int ecsAddressOffset) {

        /** The ECS subnet address, zero-padded to its family's length. */
        InetAddress ecsAddress(byte[] q) {
            byte[] a = new byte[ecsFamily == 1 ? 4 : 16];
            System.arraycopy(q, ecsAddressOffset, a, 0, q.length - ecsAddressOffset);
            try {
                return InetAddress.getByAddress(a);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
            }
        }

        /** Null unless q is a simple query (see the class comment) that ends exactly after it. */
        static SimpleQuery parse(byte[] q) {
            if ((q[2] & 0x78) != 0 || u16(q, 4) != 1 || u16(q, 6) != 0 || u16(q, 8) != 0 || u16(q, 10) > 1) {
                return null;
            }
            int pos = DnsResponder.HEADER_LENGTH;
            char[] name = new char[Math.min(253, q.length - DnsResponder.HEADER_LENGTH)];
            int chars = 0;
            while (true) {
                if (pos >= q.length) {
                    return null;
                }
                int len = q[pos++] & 0xff;
                if (len == 0) {
                    break;
                }
                if (len > 63 || pos + len > q.length || chars + len + 1 > name.length) {
                    return null; // compression pointers, long labels: full path
                }
                if (chars > 0) {
                    name[chars++] = '.';
                }
                for (int i = 0; i < len; i++) {
                    char c = (char) (q[pos++] & 0xff);
                    if (c >= 'A' && c <= 'Z') {
                        c = (char) (c + 32);
                    } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                        return null; // needs escaping in presentation form
                    }
                    name[chars++] = c;
                }
            }
            if (chars == 0 || pos + 4 > q.length) {
                return null;
            }
            int nameLength = pos - DnsResponder.HEADER_LENGTH;
            int qtype = u16(q, pos);
            int qclass = u16(q, pos + 2);
            pos += 4;
            if (qclass != 1 || qtype == Type.OPT || qtype == Type.AXFR || qtype == Type.IXFR) {
                return null;
            }
            int edns = NO_EDNS;
            int udpSize = 0;
            int family = 0;
            int source = 0;
            int ecsAt = q.length;
            if (u16(q, 10) == 1) {
                // root owner, type OPT, class = UDP size, TTL = ext-rcode 0, version 0, flags; RDLENGTH
                if (pos + 11 > q.length || q[pos] != 0 || u16(q, pos + 1) != Type.OPT
                        || q[pos + 5] != 0 || q[pos + 6] != 0) {
                    return null;
                }
                udpSize = u16(q, pos + 3);
                edns = (q[pos + 7] & 0x80) != 0 ? 2 : 1;
                int rdlength = u16(q, pos + 9);
                pos += 11;
                if (rdlength > 0) {
                    // exactly one option: ECS (code 8) = family, source prefix, scope prefix 0, address
                    if (rdlength < 8 || pos + rdlength != q.length || u16(q, pos) != 8 || u16(q, pos + 2) != rdlength - 4) {
                        return null;
                    }
                    family = u16(q, pos + 4);
                    source = q[pos + 6] & 0xff;
                    int addressBytes = rdlength - 8;
                    if (family != 1 && family != 2 || source > (family == 1 ? 32 : 128) || q[pos + 7] != 0
                            || addressBytes != (source + 7) / 8
                            || source % 8 != 0 && (q[q.length - 1] & (0xff >>> (source % 8))) != 0) {
                        return null; // malformed or unusual: the full path decides (FORMERR)
                    }
                    ecsAt = pos + 8;
                    pos += rdlength;
                }
            }
            if (pos != q.length) {
                return null;
            }
            return new SimpleQuery(new String(name, 0, chars), nameLength, qtype, edns, udpSize, family, source, ecsAt);
        }

        private static int u16(byte[] b, int at) {
            return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        }
    }
}
