package io.meridian.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Response rate limiting as in Knot and BIND: one token bucket per (client network, response),
 * where a response is its rcode class, type and name, and NXDOMAIN and errors count per zone
 * (a flood of random names under one zone is one response). The bucket is credited
 * {@code responsesPerSecond} per second up to one second's worth, debited one per response, and
 * may fall to {@code -window * responsesPerSecond}: a network over the rate stays limited until
 * its average over the window is back under it. A limited response is dropped, or every
 * {@code slip}-th one sent truncated.
 * <pre>
 * | bucket after this response | verdict                                      |
 * |----------------------------|----------------------------------------------|
 * | balance >= 0               | PASS                                         |
 * | balance < 0, n-th limited  | SLIP when slip > 0 and n % slip == 0, else DROP |
 * </pre>
 * TCP and clients with a valid server cookie are exempt; {@link QueryHandler} decides that.
 *
 * <p>Lock-free: a bucket is one {@code long}, updated by compare-and-set, so concurrent
 * responses lose no debit or credit (a failed CAS re-reads and retries). The word packs a 16-bit
 * tag of the key (its top bits; the set is chosen by its low bits) and the bucket as a
 * theoretical arrival time (GCRA, the token bucket's equivalent): the instant, in units of
 * 1/(1000 x rate) s, at which the bucket would be full again, 48 bits wide. Its debt is that time
 * minus now, in [0, (window + 1) s]; a bucket whose time lies in the past is full, and so does
 * one with a debt it cannot have (above the bound: a clock stepped back). The time is kept
 * modulo 2^48 units (78 hours at the highest rate, a million a second; 9 years at a thousand),
 * so a bucket left untouched for nearly a multiple of that may read as in debt once more. The
 * n-th-limited count for slip is kept beside the word and is only approximate when two
 * threads limit one bucket at once (ADR 14).
 *
 * <p>Memory is fixed: {@code tableSize} words in sets of four (set = low hash bits); a new key
 * takes an empty slot of its set, else the one with the least debt (a stale bucket first, a
 * heavy hitter's last), as Knot lets a colliding key take over a stale bucket. A flood of random
 * sources only recycles buckets. Two keys of one set with the same tag share a bucket (1 in
 * 65,536 per pair, and the hash seed is random, so no one can aim at another client's bucket).
 */
public final class ResponseRateLimiter {

    /** What to do with one response. */
    enum Verdict { PASS, DROP, SLIP }

    private static final int WAYS = 4;
    private static final long RESPONSE = 1000; // one response, in units of 1 ms x rate
    private static final int TIME_BITS = 48;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;

    private final RateLimit settings;
    private final InstantSource clock;
    private final long seed;
    private final long origin;
    private final long rate;
    private final long fullDebt;   // debt of an empty bucket that may still pass its last response: 1 s
    private final long maxDebt;    // the floor of the balance: window + 1 s
    private final AtomicLongArray words;
    private final AtomicIntegerArray limited;

    private ResponseRateLimiter(RateLimit settings, InstantSource clock, long seed) {
        this.settings = settings;
        this.clock = clock;
        this.seed = seed;
        this.origin = clock.millis();
        this.rate = settings.responsesPerSecond();
        this.fullDebt = rate * RESPONSE;
        this.maxDebt = (settings.window().getSeconds() + 1) * rate * RESPONSE; // < 2^42
        this.words = new AtomicLongArray(settings.tableSize());
        this.limited = new AtomicIntegerArray(settings.tableSize());
    }

    /** A limiter with a random hash seed, so no one can aim collisions at another client's bucket. */
    public static ResponseRateLimiter create(RateLimit settings, InstantSource clock) {
        return new ResponseRateLimiter(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"),
                ThreadLocalRandom.current().nextLong() | 1);
    }

    public RateLimit settings() {
        return settings;
    }

    /** Accounts one UDP response to {@code client}; {@code response} is its key from {@link RateKeys}. */
    Verdict account(InetAddress client, long response) {
        long key = mix(network(client) * 0x9e3779b97f4a7c15L ^ response ^ seed);
        long tag = Math.max(1, key >>> TIME_BITS) << TIME_BITS; // never 0: 0 is an empty slot
        long now = (clock.millis() - origin) * rate;
        int set = (int) key & (words.length() - 1) & ~(WAYS - 1);
        while (true) {
            int victim = set;
            long victimWord = 0;
            long victimDebt = Long.MAX_VALUE;
            for (int i = set; i < set + WAYS; i++) {
                long w = words.get(i);
                if ((w & ~TIME_MASK) == tag) {
                    long debt = debt(w, now);
                    long after = Math.min(maxDebt, debt + RESPONSE);
                    if (words.compareAndSet(i, w, tag | (now + after) & TIME_MASK)) {
                        return verdict(i, debt + RESPONSE);
                    }
                    victimDebt = -2; // lost a race for this bucket: look again
                    break;
                }
                long debt = w == 0 ? -1 : debt(w, now);
                if (debt < victimDebt) {
                    victim = i;
                    victimWord = w;
                    victimDebt = debt;
                }
            }
            if (victimDebt != -2 && words.compareAndSet(victim, victimWord, tag | (now + RESPONSE) & TIME_MASK)) {
                limited.set(victim, 0);
                return Verdict.PASS; // a new bucket is full: one second's worth, at least one response
            }
        }
    }

    private Verdict verdict(int slot, long debt) {
        if (debt <= fullDebt) {
            return Verdict.PASS;
        }
        int n = limited.incrementAndGet(slot);
        return settings.slip() > 0 && n % settings.slip() == 0 ? Verdict.SLIP : Verdict.DROP;
    }

    /** How far the bucket in {@code word} is below full at {@code now}: 0 when full (or stale). */
    private long debt(long word, long now) {
        long d = (word - now) << (64 - TIME_BITS) >> (64 - TIME_BITS); // signed difference of the 48-bit times
        return d <= 0 || d > maxDebt ? 0 : d;
    }

    /** Buckets in use: never more than {@code tableSize}. */
    int entries() {
        int n = 0;
        for (int i = 0; i < words.length(); i++) {
            n += words.get(i) != 0 ? 1 : 0;
        }
        return n;
    }

    /** The client's network (address masked to the configured prefix) folded into 64 bits; distinct for IPv4. */
    private long network(InetAddress client) {
        if (client instanceof Inet4Address) {
            long masked = (ClientAddress.ipv4(client) & 0xffffffffL) >>> (32 - settings.ipv4Prefix()) << (32 - settings.ipv4Prefix());
            return mix(masked ^ mix(4)); // as the loop below computes it, with no copy of the address
        }
        byte[] a = client.getAddress();
        int prefix = a.length == 4 ? settings.ipv4Prefix() : settings.ipv6Prefix();
        long high = 0;
        long low = 0;
        for (int i = 0; i < a.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            long masked = a[i] & (0xff00 >>> bits) & 0xff;
            if (i < 8) {
                high = high << 8 | masked;
            } else {
                low = low << 8 | masked;
            }
        }
        return mix(high ^ mix(low ^ a.length)); // mix is a bijection: IPv4 networks never collide
    }

    /** MurmurHash3's 64-bit finalizer. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb1fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
