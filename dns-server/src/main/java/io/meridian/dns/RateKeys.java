package io.meridian.dns;

/**
 * What RRL counts as "the same response", read from the encoded response: its rcode and, for
 * NOERROR (answers and NODATA alike), its type and lower-case name; for NXDOMAIN and errors, the
 * zone the name is in (or none), so random names under a zone share one bucket (Knot, BIND).
 * Reads the bytes in place and allocates nothing (a flood of random names is when it runs most).
 */
final class RateKeys {

    private RateKeys() {
    }

    /** The response key of {@code wire} (a response with at most one question). */
    static long of(byte[] wire, ZoneIndex index) {
        int rcode = wire[3] & 0x0f;
        if (qdcount(wire) != 1) {
            return ResponseRateLimiter.mix(0x51ed ^ rcode);
        }
        int end = nameEnd(wire);
        if (end < 0 || end + 4 > wire.length) {
            return ResponseRateLimiter.mix(0x51ed ^ rcode);
        }
        if (rcode == 0) {
            long h = (wire[end] & 0xff) << 8 | (wire[end + 1] & 0xff); // qtype
            for (int i = DnsResponder.HEADER_LENGTH; i < end; i++) {
                int c = wire[i] & 0xff;
                h = h * 31 + (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            return ResponseRateLimiter.mix(h);
        }
        ZoneIndex.ZoneData zone = index == null ? null : index.zoneOf(wire, DnsResponder.HEADER_LENGTH, end);
        long h = zone == null ? 0 : zone.zone().name().hashCode();
        return ResponseRateLimiter.mix(h * 31 + 0x100 + rcode);
    }

    /** The response with TC set and only its question: what a slipped response says (retry over TCP). */
    static byte[] truncated(byte[] wire) {
        int end = qdcount(wire) == 1 ? nameEnd(wire) : -1;
        int length = end < 0 || end + 4 > wire.length ? DnsResponder.HEADER_LENGTH : end + 4;
        byte[] out = java.util.Arrays.copyOf(wire, length);
        out[2] |= 0x02; // TC
        out[4] = 0;
        out[5] = (byte) (length > DnsResponder.HEADER_LENGTH ? 1 : 0);
        for (int i = 6; i < DnsResponder.HEADER_LENGTH; i++) {
            out[i] = 0; // no answer, authority or additional records
        }
        return out;
    }

    private static int qdcount(byte[] wire) {
        return (wire[4] & 0xff) << 8 | (wire[5] & 0xff);
    }

    /** Where the question name ends (after its root label); -1 when it is compressed or cut. */
    private static int nameEnd(byte[] wire) {
        int pos = DnsResponder.HEADER_LENGTH;
        while (pos < wire.length) {
            int len = wire[pos] & 0xff;
            if (len == 0) {
                return pos + 1;
            }
            if (len > 63) {
                return -1;
            }
            pos += len + 1;
        }
        return -1;
    }
}
