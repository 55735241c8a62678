package io.meridian.routing.latency;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A client network as one {@code long}: IPv4 /24 or IPv6 /48, tagged by family in the top bits
 * so the two never collide. The unit the table keeps figures for (a /24 is what resolvers send
 * as ECS, and what Azure's and NS1's latency tables key on).
 */
public final class NetworkKey {
    public static final int V4_PREFIX = 24;
    public static final int V6_PREFIX = 48;
    private static final long V4 = 1L << 62;
    private static final long V6 = 2L << 62;

    private NetworkKey() {
    }

    /** The network {@code address} lies in. */
    public static long of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return V4 | (b[0] & 0xFFL) << 16 | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL);
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[i] & 0xFFL);
        }
        return V6 | v;
    }

    /** The prefix length a network of this family has: 24 or 48. */
    public static int prefixOf(InetAddress address) {
        return address instanceof Inet4Address ? V4_PREFIX : V6_PREFIX;
    }

    public static int prefixOf(long key) {
        return (key & V4) != 0 ? V4_PREFIX : V6_PREFIX;
    }

    /** The network's first address. */
    public static InetAddress address(long key) {
        byte[] b;
        if ((key & V4) != 0) {
            b = new byte[] {(byte) (key >>> 16), (byte) (key >>> 8), (byte) key, 0};
        } else {
            b = new byte[16];
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) (key >>> (40 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** {@code 198.51.100.0/24}, {@code 2001:db8:1:0:0:0:0:0/48}. */
    public static String format(long key) {
        return address(key).getHostAddress() + "/" + prefixOf(key);
    }

    /** Whether {@code key} is a well-formed key (for data read back from disk or a peer). */
    public static boolean valid(long key) {
        long tag = key & (3L << 62);
        return tag == V4 ? (key & ~(V4 | 0xFFFFFFL)) == 0 : tag == V6 && (key & ~(V6 | 0xFFFF_FFFF_FFFFL)) == 0;
    }
}
