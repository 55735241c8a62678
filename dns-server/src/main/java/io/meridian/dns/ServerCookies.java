package io.meridian.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DNS server cookies (RFC 7873 section 5.2) in the interoperable format of RFC 9018: version 1,
 * three reserved bytes, a 32-bit timestamp, and SipHash-2-4 over client cookie, version, reserved,
 * timestamp and client address.
 *
 * <p>The SipHash key rotates: time is cut into epochs of {@link #ROTATION}, and the key of epoch
 * {@code e} is HMAC-SHA-256(base secret, "dns-cookie/" + e), first 16 bytes. A cookie verifies
 * with the key of the epoch its own timestamp lies in, when that epoch is the current or the
 * previous one and the timestamp is at most an hour old and at most five minutes ahead (RFC 9018
 * section 4.3). Directors of a cluster derive the same base secret from the cluster secret, so a
 * cookie made by one verifies on every other with no coordination; a director alone uses a random
 * base secret, so its cookies stop verifying when it restarts (clients then get a fresh one).
 * Safe from any thread: epoch keys are computed once per epoch and published atomically.
 */
public final class ServerCookies {

    /** How long one SipHash key is used for new cookies; the previous epoch's key still verifies. */
    public static final Duration ROTATION = Duration.ofHours(1);
    static final int CLIENT_LENGTH = 8;
    static final int SERVER_LENGTH = 16;
    private static final long MAX_AGE_SECONDS = 3600;
    private static final long MAX_AHEAD_SECONDS = 300;
    private static final ServerCookies OFF = new ServerCookies(null, InstantSource.system(), ROTATION);

    private final byte[] base;
    private final InstantSource clock;
    private final long rotationSeconds;
    private final AtomicReference<EpochKeys> keys = new AtomicReference<>(new EpochKeys(-1, null, -1, null));

    private record EpochKeys(long epoch, SipKey key, long previousEpoch, SipKey previousKey) { }

    /** A SipHash key as its two little-endian halves, read once per epoch rather than per cookie. */
    private record SipKey(long k0, long k1) {
        static SipKey of(byte[] key) {
            return new SipKey(SipHash24.le64(key, 0), SipHash24.le64(key, 8));
        }
    }

    ServerCookies(byte[] base, InstantSource clock, Duration rotation) {
        this.base = base == null ? null : base.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rotationSeconds = rotation.toSeconds();
        if (rotationSeconds < 1) {
            throw new IllegalArgumentException("rotation: " + rotation + " (expected: at least 1s)");
        }
    }

    /** No cookies: COOKIE options are ignored, as by a server that does not implement them. */
    public static ServerCookies off() {
        return OFF;
    }

    /**
     * Cookies keyed from {@code baseSecret}: the same on every director of a cluster (derive it
     * from the cluster secret), else random ({@link #random}).
     */
    public static ServerCookies of(byte[] baseSecret, InstantSource clock) {
        if (baseSecret.length < 16) {
            throw new IllegalArgumentException("baseSecret: " + baseSecret.length + " bytes (expected: at least 16)");
        }
        return new ServerCookies(baseSecret, clock, ROTATION);
    }

    /** Cookies keyed from a random base secret: a director that runs alone. */
    public static ServerCookies random(InstantSource clock) {
        byte[] base = new byte[16];
        new SecureRandom().nextBytes(base);
        return of(base, clock);
    }

    boolean enabled() {
        return base != null;
    }

    /** A fresh server cookie for this client cookie and client address, made now. */
    byte[] fresh(byte[] clientCookie, InetAddress client) {
        byte[] cookie = new byte[SERVER_LENGTH];
        fresh(clientCookie, 0, client, cookie, 0);
        return cookie;
    }

    /**
     * Writes a fresh server cookie for the client cookie at {@code in[at, at + 8)} and this client
     * address at {@code out[to, to + 16)}, made now; allocates nothing for an IPv4 client (an
     * IPv6 one costs a copy of its address).
     */
    void fresh(byte[] in, int at, InetAddress client, byte[] out, int to) {
        long now = Math.floorDiv(clock.millis(), 1000);
        write(keyFor(now / rotationSeconds), in, at, client, now, out, to);
    }

    /** Whether {@code serverCookie} is one of ours for this client cookie and address, and still fresh. */
    boolean verifies(byte[] clientCookie, byte[] serverCookie, InetAddress client) {
        if (serverCookie == null) {
            return false;
        }
        byte[] option = Arrays.copyOf(clientCookie, CLIENT_LENGTH + serverCookie.length);
        System.arraycopy(serverCookie, 0, option, CLIENT_LENGTH, serverCookie.length);
        return verifies(option, 0, option.length, client);
    }

    /**
     * Whether the COOKIE option data at {@code in[at, at + length)} (client cookie, then server
     * cookie) holds a server cookie of ours for this client cookie and address, still fresh.
     */
    boolean verifies(byte[] in, int at, int length, InetAddress client) {
        int s = at + CLIENT_LENGTH; // the server cookie
        if (base == null || length != CLIENT_LENGTH + SERVER_LENGTH || in[s] != 1) {
            return false;
        }
        long now = Math.floorDiv(clock.millis(), 1000);
        long made = (in[s + 4] & 0xffL) << 24 | (in[s + 5] & 0xffL) << 16 | (in[s + 6] & 0xffL) << 8 | in[s + 7] & 0xffL;
        long epoch = made / rotationSeconds;
        long current = now / rotationSeconds;
        if (made < now - MAX_AGE_SECONDS || made > now + MAX_AHEAD_SECONDS || epoch < current - 1 || epoch > current) {
            return false;
        }
        // one comparison of two words: takes the same time whichever bytes differ
        return hash(keyFor(epoch), in, at, SipHash24.le64(in, s), client) == SipHash24.le64(in, s + 8);
    }

    /**
     * SipHash-2-4 over client cookie | version | reserved | timestamp | client address (RFC 9018
     * section 4.4); {@code header} is the server cookie's first 8 bytes read little-endian.
     */
    private static long hash(SipKey key, byte[] in, int at, long header, InetAddress client) {
        long cookie = SipHash24.le64(in, at);
        if (client instanceof Inet4Address) { // its 4 bytes as the tail, read without a copy
            return SipHash24.hash(key.k0, key.k1, 2, cookie, header, null, 0,
                    Integer.reverseBytes(ClientAddress.ipv4(client)) & 0xffffffffL, 4);
        }
        byte[] ip = client.getAddress();
        return SipHash24.hash(key.k0, key.k1, 2, cookie, header, ip, ip.length, 0, 0);
    }

    /** The key of an epoch, computed at most once per epoch (and again only for an older one). */
    private SipKey keyFor(long epoch) {
        EpochKeys k = keys.get();
        if (k.epoch == epoch) {
            return k.key;
        }
        if (k.previousEpoch == epoch) {
            return k.previousKey;
        }
        SipKey key = SipKey.of(derive(epoch));
        if (epoch > k.epoch) {
            keys.compareAndSet(k, new EpochKeys(epoch, key, k.epoch, k.key));
        }
        return key;
    }

    private byte[] derive(long epoch) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(base, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(("dns-cookie/" + epoch).getBytes(StandardCharsets.US_ASCII)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The server cookie made at {@code timestamp} with this SipHash key (RFC 9018 appendix A checks it). */
    static byte[] make(byte[] sipKey, byte[] clientCookie, InetAddress client, long timestamp) {
        byte[] cookie = new byte[SERVER_LENGTH];
        write(SipKey.of(sipKey), clientCookie, 0, client, timestamp, cookie, 0);
        return cookie;
    }

    /** Version 1, three reserved zero bytes, the timestamp and the hash, at {@code out[to, to + 16)}. */
    private static void write(SipKey key, byte[] in, int at, InetAddress client, long timestamp, byte[] out, int to) {
        out[to] = 1;
        out[to + 1] = 0;
        out[to + 2] = 0;
        out[to + 3] = 0;
        for (int i = 0; i < 4; i++) {
            out[to + 4 + i] = (byte) (timestamp >>> (24 - 8 * i));
        }
        SipHash24.writeLe64(hash(key, in, at, SipHash24.le64(out, to), client), out, to + 8);
    }
}
