package io.meridian.dns;

import org.xbill.DNS.DNSInput;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * The FORMERR for a query dnsjava cannot parse (row 3 of {@link DnsResponder}): the header, the
 * question when it can be read, and an OPT record when the query had exactly one, because RFC 6891
 * section 7 requires it and a resolver that gets a bare header concludes the server has no EDNS
 * (a malformed ECS or COOKIE option is the usual cause). Reads only as far as it must; anything
 * unreadable past the header just leaves out what it would have given.
 */
final class MalformedQuery {

    private static final int DO = 0x8000;

    private MalformedQuery() {
    }

    /** The FORMERR response; {@code query} is at least a header long and not a response. */
    static byte[] formerr(byte[] query, int udpSize) {
        DNSInput in = new DNSInput(query);
        byte[] question = null;
        int optFlags = -1; // -1: no OPT to echo
        int opts = 0;
        try {
            in.readByteArray(DnsResponder.HEADER_LENGTH); // DNSInput.jump cannot go to the very end
            int qd = u16(query, 4);
            int records = u16(query, 6) + u16(query, 8);
            int additional = u16(query, 10);
            if (qd == 1) {
                DNSOutput q = new DNSOutput();
                new Name(in).toWire(q, null);
                q.writeU16(in.readU16());
                q.writeU16(in.readU16());
                question = q.toByteArray();
            } else {
                for (int i = 0; i < qd; i++) {
                    new Name(in);
                    in.readU32();
                }
            }
            for (int i = 0; i < records; i++) {
                skipRecord(in, true);
            }
            for (int i = 0; i < additional; i++) {
                int flags = skipRecord(in, false);
                if (flags >= 0) {
                    optFlags = ++opts == 1 ? flags : -1; // two OPTs: none echoed (RFC 6891 section 6.1.1)
                }
            }
        } catch (WireParseException | RuntimeException e) {
            // unreadable from here on: answer with what was read
        }
        DNSOutput out = new DNSOutput();
        out.writeU16(u16(query, 0));
        boolean query0 = (query[2] & 0x78) == 0;
        // QR, the query's opcode, and RD / CD only for opcode QUERY; never AA (we are not answering)
        out.writeU8(0x80 | query[2] & 0x78 | (query0 ? query[2] & 0x01 : 0));
        out.writeU8((query0 ? query[3] & 0x10 : 0) | Rcode.FORMERR);
        out.writeU16(question == null ? 0 : 1);
        out.writeU16(0);
        out.writeU16(0);
        out.writeU16(optFlags >= 0 ? 1 : 0);
        if (question != null) {
            out.writeByteArray(question);
        }
        if (optFlags >= 0) {
            out.writeU8(0); // root owner
            out.writeU16(Type.OPT);
            out.writeU16(udpSize);
            out.writeU8(0); // extended rcode
            out.writeU8(0); // version
            out.writeU16(optFlags & DO); // RFC 3225: copy DO
            out.writeU16(0); // no options
        }
        return out.toByteArray();
    }

    /** Skips one resource record; for an OPT owned by the root, returns its flags, else -1. */
    private static int skipRecord(DNSInput in, boolean answerOrAuthority) throws WireParseException {
        Name owner = new Name(in);
        int type = in.readU16();
        in.readU16(); // class
        long ttl = in.readU32();
        int length = in.readU16();
        in.readByteArray(length); // throws when it runs past the message
        if (answerOrAuthority || type != Type.OPT || !owner.equals(Name.root)) {
            return -1;
        }
        return (int) (ttl & 0xffff);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
