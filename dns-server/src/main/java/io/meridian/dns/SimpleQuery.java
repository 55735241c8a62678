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
 * @param name             lower-case name, no trailing dot
 * @param nameLength       wire length of the question name
 * @param edns             {@link #NO_EDNS}, 1 (DO clear) or 2 (DO set)
 * @param ecsFamily        0 without ECS, else 1 (IPv4) or 2 (IPv6)
 * @param ecsAddressOffset where the ECS address bytes start
 * @param ecsAddressLength how many there are (0 without ECS)
 * @param cookieOffset     where the COOKIE option's data (client cookie, server cookie) starts
 * @param cookieLength     its length: 8, 16..40, or 0 without a COOKIE
 */
record SimpleQuery(String name, int nameLength, int qtype, int edns, int udpSize,
                   int ecsFamily, int ecsSource, int ecsAddressOffset, int ecsAddressLength,
                   int cookieOffset, int cookieLength) {
    static final int NO_EDNS = 0;

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
        int ecsAt = 0;
        int ecsLength = 0;
        int cookieAt = 0;
        int cookieLength = 0;
        if (u16(q, 10) == 1) {
            // root owner, type OPT, class = UDP size, TTL = ext-rcode 0, version 0, flags; RDLENGTH
            if (pos + 11 > q.length || q[pos] != 0 || u16(q, pos + 1) != Type.OPT
                    || q[pos + 5] != 0 || q[pos + 6] != 0) {
                return null;
            }
            udpSize = u16(q, pos + 3);
            edns = (q[pos + 7] & 0x80) != 0 ? 2 : 1;
            int end = pos + 11 + u16(q, pos + 9);
            pos += 11;
            if (end != q.length) {
                return null;
            }
            while (pos < end) {
                if (pos + 4 > end || pos + 4 + u16(q, pos + 2) > end) {
                    return null;
                }
                int code = u16(q, pos);
                int length = u16(q, pos + 2);
                pos += 4;
                if (code == 8 && family == 0) {
                    // ECS = family, source prefix, scope prefix 0, address
                    family = length < 4 ? -1 : u16(q, pos);
                    source = length < 4 ? 0 : q[pos + 2] & 0xff;
                    int addressBytes = length - 4;
                    if (family != 1 && family != 2 || source > (family == 1 ? 32 : 128) || q[pos + 3] != 0
                            || addressBytes != (source + 7) / 8
                            || source % 8 != 0 && (q[pos + length - 1] & (0xff >>> (source % 8))) != 0) {
                        return null; // malformed or unusual: the full path decides (FORMERR)
                    }
                    ecsAt = pos + 4;
                    ecsLength = addressBytes;
                } else if (code == 10 && cookieLength == 0 && (length == 8 || length >= 16 && length <= 40)) {
                    cookieAt = pos;
                    cookieLength = length;
                } else {
                    return null; // another option, a second ECS or COOKIE, a COOKIE of a wrong length
                }
                pos += length;
            }
        }
        if (pos != q.length) {
            return null;
        }
        return new SimpleQuery(new String(name, 0, chars), nameLength, qtype, edns, udpSize, family, source, ecsAt,
                ecsLength, cookieAt, cookieLength);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
