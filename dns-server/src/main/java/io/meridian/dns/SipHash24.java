package io.meridian.dns;

/**
 * SipHash-2-4 (Aumasson and Bernstein), the keyed hash of RFC 9018 server cookies: 16-byte key,
 * 64-bit result written little-endian. Small enough to keep here rather than pull a library onto
 * the DNS server's classpath for one function (Guava is not on it); checked against the paper's
 * reference vector and RFC 9018's appendix A.
 */
final class SipHash24 {

    private SipHash24() {
    }

    /** The 8-byte hash of {@code data[0, length)} under {@code key} (16 bytes). */
    static long hash(byte[] key, byte[] data, int length) {
        long k0 = le64(key, 0);
        long k1 = le64(key, 8);
        long[] v = {0x736f6d6570736575L ^ k0, 0x646f72616e646f6dL ^ k1, 0x6c7967656e657261L ^ k0,
            0x7465646279746573L ^ k1};
        int whole = length & ~7;
        for (int i = 0; i < whole; i += 8) {
            compress(v, le64(data, i));
        }
        long last = (long) (length & 0xff) << 56;
        for (int i = whole; i < length; i++) {
            last |= (data[i] & 0xffL) << (8 * (i - whole));
        }
        compress(v, last);
        v[2] ^= 0xff;
        for (int r = 0; r < 4; r++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    /** One message word: two SipRounds ("2" of 2-4). */
    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }

    /** Writes {@code h} little-endian at {@code out[at, at + 8)}, the byte order SipHash's output is defined in. */
    static void writeLe64(long h, byte[] out, int at) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (h >>> (8 * i));
        }
    }

    private static long le64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xffL);
        }
        return v;
    }
}
