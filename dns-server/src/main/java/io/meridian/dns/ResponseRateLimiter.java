package io.meridian.dns;

import java.net.InetAddress;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Memory is fixed: {@code tableSize} buckets in sets of four (set = hash bits); a new key
 * takes an empty slot of its set or the one used longest ago. A flood of random sources only
 * recycles buckets. Thread-safe: one short critical section per response, on one of 256 locks
 * chosen by set, so event loops rarely meet.
 */
public final class ResponseRateLimiter {

    /** What to do with one response. */
    enum Verdict { PASS, DROP, SLIP }

    private static final int WAYS = 4;
    private static final int LOCKS = 256;
    private static final long MILLI = 1000;

    private final RateLimit settings;
    private final InstantSource clock;
    private final long seed;
    private final long maxBalance;
    private final long minBalance;
    private final long maxElapsedMillis;
    private final long[] keys;
    private final long[] lastMillis;
    private final long[] balances; // milli-responses
    private final int[] limited;
    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];

    private ResponseRateLimiter(RateLimit settings, InstantSource clock, long seed) {
        this.settings = settings;
        this.clock = clock;
        this.seed = seed;
        this.maxBalance = settings.responsesPerSecond() * MILLI;
        this.minBalance = -settings.window().getSeconds() * settings.responsesPerSecond() * MILLI;
        this.maxElapsedMillis = (settings.window().getSeconds() + 1) * MILLI; // enough to refill from the bottom
        int n = settings.tableSize();
        this.keys = new long[n];
        this.lastMillis = new long[n];
        this.balances = new long[n];
        this.limited = new int[n];
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new ReentrantLock();
        }
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
        if (key == 0) {
            key = 1; // 0 marks an empty slot
        }
        long now = clock.millis();
        int set = (int) key & (keys.length - 1) & ~(WAYS - 1);
        ReentrantLock lock = lockOf(set);
        lock.lock();
        try {
            int slot = find(set, key, now);
            long elapsed = Math.min(maxElapsedMillis, Math.max(0, now - lastMillis[slot])); // no overflow, no going back
            long balance = Math.min(maxBalance, balances[slot] + elapsed * settings.responsesPerSecond()) - MILLI;
            balances[slot] = Math.max(minBalance, balance);
            lastMillis[slot] = now;
            if (balance >= 0) {
                return Verdict.PASS;
            }
            int n = ++limited[slot];
            return settings.slip() > 0 && n % settings.slip() == 0 ? Verdict.SLIP : Verdict.DROP;
        } finally {
            lock.unlock();
        }
    }

    /** The slot of {@code key} in its set, taking a free or the least recently used one for a new key. */
    private int find(int set, long key, long now) {
        int victim = set;
        for (int i = set; i < set + WAYS; i++) {
            if (keys[i] == key) {
                return i;
            }
            if (keys[i] == 0 || keys[victim] != 0 && lastMillis[i] < lastMillis[victim]) {
                victim = i;
            }
        }
        keys[victim] = key;
        balances[victim] = maxBalance;
        lastMillis[victim] = now;
        limited[victim] = 0;
        return victim;
    }

    /** Buckets in use: never more than {@code tableSize}. */
    int entries() {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            ReentrantLock lock = lockOf(i);
            lock.lock();
            try {
                n += keys[i] != 0 ? 1 : 0;
            } finally {
                lock.unlock();
            }
        }
        return n;
    }

    private ReentrantLock lockOf(int slot) {
        return locks[(slot / WAYS) & (LOCKS - 1)];
    }

    /** The client's network (address masked to the configured prefix) folded into 64 bits; distinct for IPv4. */
    private long network(InetAddress client) {
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
