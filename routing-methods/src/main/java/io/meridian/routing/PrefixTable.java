package io.meridian.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Longest-prefix match over the {@code subnets} of one profile, IPv4 and IPv6 kept apart.
 * Addresses are 128-bit keys (IPv4 in the top 32 bits); for each prefix length present there
 * is a sorted array of masked keys, searched longest length first. A lookup allocates only
 * the address bytes.
 *
 * <p>Each entry also carries its <em>scope</em>: the shortest prefix over which the match is
 * the same for every address, i.e. its own length or, when more specific entries lie inside
 * it, the longest of those (an address outside all of them is outside them at that length).
 */
final class PrefixTable {
    /** One match: the endpoint index that owns the subnet and the scope of the answer. */
    record Match(int endpoint, Cidr cidr, int scope) {
    }

    private final Family v4;
    private final Family v6;

    private PrefixTable(Family v4, Family v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /** Builds the table from {@code subnets.get(i)} owned by endpoint {@code i}; a CIDR listed twice is an error. */
    static PrefixTable build(List<List<Cidr>> subnets) {
        List<Entry> v4 = new ArrayList<>();
        List<Entry> v6 = new ArrayList<>();
        for (int endpoint = 0; endpoint < subnets.size(); endpoint++) {
            for (Cidr cidr : subnets.get(endpoint)) {
                long[] key = key(cidr.network().getAddress(), cidr.prefix());
                (cidr.network() instanceof Inet4Address ? v4 : v6).add(new Entry(key[0], key[1], cidr, endpoint));
            }
        }
        return new PrefixTable(new Family(v4), new Family(v6));
    }

    /**
     * The most specific subnet holding the address among those no longer than {@code maxPrefix}
     * (an ECS client is only known down to its source prefix); null when none does.
     */
    Match lookup(InetAddress address, int maxPrefix) {
        byte[] bytes = address.getAddress();
        return (bytes.length == 4 ? v4 : v6).lookup(bytes, maxPrefix);
    }

    /** The scope of a miss: at the longest prefix present, the client's network holds no entry. */
    int missScope(InetAddress address) {
        return (address instanceof Inet4Address ? v4 : v6).longest;
    }

    private static long[] key(byte[] bytes, int prefix) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (i < bytes.length ? bytes[i] & 0xff : 0);
            lo = (lo << 8) | (i + 8 < bytes.length ? bytes[i + 8] & 0xff : 0);
        }
        return new long[] {maskHi(hi, prefix), maskLo(lo, prefix)};
    }

    private static long maskHi(long hi, int prefix) {
        return prefix >= 64 ? hi : prefix == 0 ? 0 : hi & (-1L << (64 - prefix));
    }

    private static long maskLo(long lo, int prefix) {
        return prefix <= 64 ? 0 : prefix == 128 ? lo : lo & (-1L << (128 - prefix));
    }

    private record Entry(long hi, long lo, Cidr cidr, int endpoint) {
        boolean contains(Entry other) {
            int p = cidr.prefix();
            return other.cidr.prefix() > p && maskHi(other.hi, p) == hi && maskLo(other.lo, p) == lo;
        }
    }

    /** Entries of one address family, grouped by prefix length. */
    private static final class Family {
        final int[] lengths;       // descending
        final long[][] his;        // per length, sorted by (hi, lo)
        final long[][] los;
        final Match[][] matches;
        final int longest;

        Family(List<Entry> entries) {
            TreeMap<Integer, List<Entry>> byLength = new TreeMap<>((a, b) -> Integer.compare(b, a));
            for (Entry e : entries) {
                byLength.computeIfAbsent(e.cidr.prefix(), k -> new ArrayList<>()).add(e);
            }
            int n = byLength.size();
            lengths = new int[n];
            his = new long[n][];
            los = new long[n][];
            matches = new Match[n][];
            int g = 0;
            for (var group : byLength.entrySet()) {
                List<Entry> list = group.getValue();
                list.sort((a, b) -> a.hi != b.hi ? Long.compareUnsigned(a.hi, b.hi) : Long.compareUnsigned(a.lo, b.lo));
                lengths[g] = group.getKey();
                his[g] = new long[list.size()];
                los[g] = new long[list.size()];
                matches[g] = new Match[list.size()];
                for (int i = 0; i < list.size(); i++) {
                    Entry e = list.get(i);
                    if (i > 0 && list.get(i - 1).hi == e.hi && list.get(i - 1).lo == e.lo) {
                        throw new IllegalArgumentException("subnets: " + e.cidr + " is listed twice");
                    }
                    his[g][i] = e.hi;
                    los[g][i] = e.lo;
                    matches[g][i] = new Match(e.endpoint, e.cidr, scopeOf(e, entries));
                }
                g++;
            }
            longest = n == 0 ? 0 : lengths[0];
        }

        private static int scopeOf(Entry entry, List<Entry> all) {
            int scope = entry.cidr.prefix();
            for (Entry other : all) {
                if (entry.contains(other)) {
                    scope = Math.max(scope, other.cidr.prefix());
                }
            }
            return scope;
        }

        Match lookup(byte[] bytes, int maxPrefix) {
            if (lengths.length == 0) {
                return null;
            }
            long[] key = key(bytes, 128);
            for (int g = 0; g < lengths.length; g++) {
                int length = lengths[g];
                if (length > maxPrefix) {
                    continue;
                }
                int i = search(his[g], los[g], maskHi(key[0], length), maskLo(key[1], length));
                if (i >= 0) {
                    return matches[g][i];
                }
            }
            return null;
        }

        private static int search(long[] his, long[] los, long hi, long lo) {
            int low = 0;
            int high = his.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = his[mid] != hi ? Long.compareUnsigned(his[mid], hi) : Long.compareUnsigned(los[mid], lo);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }
    }
}
