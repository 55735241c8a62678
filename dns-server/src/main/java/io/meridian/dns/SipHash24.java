package io.meridian.dns;

/**
 * SipHash-2-4 (Aumasson and Bernstein), the keyed hash of RFC 9018 server cookies: 16-byte key,
 * 64-bit result written little-endian. Small enough to keep here rather than pull a library onto
 * the DNS server's classpath for one function (Guava is not on it); checked against the paper's
 * reference vector and RFC 9018's appendix A. Allocates nothing: the state lives in locals, and
 * the input may start with up to two 64-bit words given as values, so a server cookie is hashed
 * with no buffer to assemble it in.
 */
final class SipHash24 {

    private SipHash24() {
    }

    /** The 8-byte hash of {@code data[0, length)} under {@code key} (16 bytes). */
    static long hash(byte[] key, byte[] data, int length) {
        return hash(le64(key, 0), le64(key, 8), 0, 0, 0, data, length, 0, 0);
    }

    /**
     * The hash, under the key words {@code k0, k1} (the key's two halves read little-endian), of
     * the first {@code words} (0..2) of {@code w0, w1} as 8 little-endian bytes each, then
     * {@code rest[0, restLength)}, then the {@code tailLength} low bytes of {@code tail}
     * (little-endian; only after a rest of whole words, and at most 7).
     */
    static long hash(long k0, long k1, int words, long w0, long w1, byte[] rest, int restLength, long tail,
                     int tailLength) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int length = 8 * words + restLength + tailLength;
        int whole = length >>> 3;
        int restWhole = restLength & ~7;
        long last = (long) (length & 0xff) << 56 | tail;
        for (int i = restWhole; i < restLength; i++) {
            last |= (rest[i] & 0xffL) << (8 * (i - restWhole));
        }
        for (int i = 0; i <= whole + 1; i++) {
            boolean finish = i > whole; // after the last word: the 4 finalization rounds
            long m = finish ? 0 : i == whole ? last : i < words ? (i == 0 ? w0 : w1) : le64(rest, 8 * (i - words));
            v3 ^= m;
            v2 ^= finish ? 0xff : 0;
            for (int r = finish ? 4 : 2; r > 0; r--) { // "2-4": two SipRounds per word, four to finish
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13) ^ v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16) ^ v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21) ^ v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17) ^ v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /** Writes {@code h} little-endian at {@code out[at, at + 8)}, the byte order SipHash's output is defined in. */
    static void writeLe64(long h, byte[] out, int at) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (h >>> (8 * i));
        }
    }

    /** The 8 bytes at {@code b[at, at + 8)} read little-endian. */
    static long le64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xffL);
        }
        return v;
    }
}
