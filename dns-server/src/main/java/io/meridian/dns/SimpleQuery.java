package io.meridian.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Type;

/**
 * The common query shape, read by hand without dnsjava objects: one question of plain LDH
 * labels, class IN, no answer or authority records, at most one EDNS(0) OPT whose options, if
 * any, are a well-formed Client Subnet and a COOKIE of a valid length (RFC 7873 section 4: a
 * client cookie of 8 bytes, then none or a server cookie of 8 to 32), at most one of each, in
 * either order. Such a query can be answered from {@link ResponseCache}; anything else takes the
 * full dnsjava path (a COOKIE of another length is FORMERR there).
 *
 * <p>Either made per query ({@link #parse(byte[])}) or, on a UDP socket's own thread, one
 * instance {@link #reusable() reused} for every query ({@link #read}): then a name seen before
 * comes back as the same String (a small table of the recent names), so reading a query
 * allocates nothing. Not thread-safe.
 *
 * <p>What it read: {@link #name()} lower-case, no trailing dot; {@link #nameLength()} the wire
 * length of the question name; {@link #edns()} {@link #NO_EDNS}, 1 (DO clear) or 2 (DO set);
 * {@link #ecsFamily()} 0 without ECS, else 1 (IPv4) or 2 (IPv6); {@link #ecsAddressOffset()}
 * where the ECS address bytes start and {@link #ecsAddressLength()} how many there are (0 without
 * ECS); {@link #cookieOffset()} where the COOKIE option's data (client cookie, server cookie)
 * starts and {@link #cookieLength()} its length: 8, 16..40, or 0 without a COOKIE.
 */
final class SimpleQuery {
    static final int NO_EDNS = 0;
    private static final int MAX_NAME = 253;
    private static final int NAMES = 256; // recent names of a reusable instance, by hash

    private final char[] chars = new char[MAX_NAME];
    private final String[] names;
    private String name;
    private int nameLength;
    private int qtype;
    private int edns;
    private int udpSize;
    private int ecsFamily;
    private int ecsSource;
    private int ecsAddressOffset;
    private int ecsAddressLength;
    private int cookieOffset;
    private int cookieLength;
    private int length;

    private SimpleQuery(String[] names) {
        this.names = names;
    }

    /** One instance for every query of one thread, with its table of recent names. */
    static SimpleQuery reusable() {
        return new SimpleQuery(new String[NAMES]);
    }

    /** Null unless q is a simple query (see the class comment) that ends exactly after it. */
    static SimpleQuery parse(byte[] q) {
        SimpleQuery sq = new SimpleQuery(null);
        return sq.read(q, q.length) ? sq : null;
    }

    String name() {
        return name;
    }

    int nameLength() {
        return nameLength;
    }

    int qtype() {
        return qtype;
    }

    int edns() {
        return edns;
    }

    int udpSize() {
        return udpSize;
    }

    int ecsFamily() {
        return ecsFamily;
    }

    int ecsSource() {
        return ecsSource;
    }

    int ecsAddressOffset() {
        return ecsAddressOffset;
    }

    int ecsAddressLength() {
        return ecsAddressLength;
    }

    int cookieOffset() {
        return cookieOffset;
    }

    int cookieLength() {
        return cookieLength;
    }

    /** The query's length in bytes. */
    int length() {
        return length;
    }

    /** The ECS subnet address, zero-padded to its family's length. */
    InetAddress ecsAddress(byte[] q) {
        byte[] a = new byte[ecsFamily == 1 ? 4 : 16];
        System.arraycopy(q, ecsAddressOffset, a, 0, ecsAddressLength);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }

    /** Whether the query carried a Client Subnet option. */
    boolean hasEcs() {
        return ecsFamily != 0;
    }

    /** Whether the query carried a COOKIE option. */
    boolean hasCookie() {
        return cookieLength != 0;
    }

    /**
     * Reads the first {@code length} bytes of q (at least the 12-byte header); whether they are a
     * simple query that ends exactly there. When not, what this instance holds is undefined.
     */
    boolean read(byte[] q, int length) {
        if ((q[2] & 0x78) != 0 || u16(q, 4) != 1 || u16(q, 6) != 0 || u16(q, 8) != 0 || u16(q, 10) > 1) {
            return false;
        }
        int pos = DnsResponder.HEADER_LENGTH;
        int max = Math.min(MAX_NAME, length - DnsResponder.HEADER_LENGTH);
        int n = 0;
        int hash = 0;
        while (true) {
            if (pos >= length) {
                return false;
            }
            int len = q[pos++] & 0xff;
            if (len == 0) {
                break;
            }
            if (len > 63 || pos + len > length || n + len + 1 > max) {
                return false; // compression pointers, long labels: full path
            }
            if (n > 0) {
                chars[n++] = '.';
                hash = 31 * hash + '.';
            }
            for (int i = 0; i < len; i++) {
                char c = (char) (q[pos++] & 0xff);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return false; // needs escaping in presentation form
                }
                chars[n++] = c;
                hash = 31 * hash + c;
            }
        }
        if (n == 0 || pos + 4 > length) {
            return false;
        }
        int nameEnd = pos;
        int type = u16(q, pos);
        int qclass = u16(q, pos + 2);
        pos += 4;
        if (qclass != 1 || type == Type.OPT || type == Type.AXFR || type == Type.IXFR) {
            return false;
        }
        int shape = NO_EDNS;
        int size = 0;
        int family = 0;
        int source = 0;
        int ecsAt = 0;
        int ecsLength = 0;
        int cookieAt = 0;
        int cookieBytes = 0;
        if (u16(q, 10) == 1) {
            // root owner, type OPT, class = UDP size, TTL = ext-rcode 0, version 0, flags; RDLENGTH
            if (pos + 11 > length || q[pos] != 0 || u16(q, pos + 1) != Type.OPT
                    || q[pos + 5] != 0 || q[pos + 6] != 0) {
                return false;
            }
            size = u16(q, pos + 3);
            shape = (q[pos + 7] & 0x80) != 0 ? 2 : 1;
            int end = pos + 11 + u16(q, pos + 9);
            pos += 11;
            if (end != length) {
                return false;
            }
            while (pos < end) {
                if (pos + 4 > end || pos + 4 + u16(q, pos + 2) > end) {
                    return false;
                }
                int code = u16(q, pos);
                int optionLength = u16(q, pos + 2);
                pos += 4;
                if (code == 8 && family == 0) {
                    // ECS = family, source prefix, scope prefix 0, address
                    family = optionLength < 4 ? -1 : u16(q, pos);
                    source = optionLength < 4 ? 0 : q[pos + 2] & 0xff;
                    int addressBytes = optionLength - 4;
                    if (family != 1 && family != 2 || source > (family == 1 ? 32 : 128) || q[pos + 3] != 0
                            || addressBytes != (source + 7) / 8
                            || source % 8 != 0 && (q[pos + optionLength - 1] & (0xff >>> (source % 8))) != 0) {
                        return false; // malformed or unusual: the full path decides (FORMERR)
                    }
                    ecsAt = pos + 4;
                    ecsLength = addressBytes;
                } else if (code == 10 && cookieBytes == 0
                        && (optionLength == 8 || optionLength >= 16 && optionLength <= 40)) {
                    cookieAt = pos;
                    cookieBytes = optionLength;
                } else {
                    return false; // another option, a second ECS or COOKIE, a COOKIE of a wrong length
                }
                pos += optionLength;
            }
        }
        if (pos != length) {
            return false;
        }
        this.name = name(n, hash);
        this.nameLength = nameEnd - DnsResponder.HEADER_LENGTH;
        this.qtype = type;
        this.edns = shape;
        this.udpSize = size;
        this.ecsFamily = family;
        this.ecsSource = source;
        this.ecsAddressOffset = ecsAt;
        this.ecsAddressLength = ecsLength;
        this.cookieOffset = cookieAt;
        this.cookieLength = cookieBytes;
        this.length = length;
        return true;
    }

    /** The name just read, as a String: the recent one equal to it, when this instance keeps them. */
    private String name(int n, int hash) {
        if (names == null) {
            return new String(chars, 0, n);
        }
        int slot = (hash ^ hash >>> 16) & (NAMES - 1);
        String recent = names[slot];
        if (recent != null && recent.length() == n) {
            int i = 0;
            while (i < n && recent.charAt(i) == chars[i]) {
                i++;
            }
            if (i == n) {
                return recent;
            }
        }
        String fresh = new String(chars, 0, n);
        names[slot] = fresh;
        return fresh;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
