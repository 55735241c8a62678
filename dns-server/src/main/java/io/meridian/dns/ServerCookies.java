package io.meridian.dns;

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

    private record EpochKeys(long epoch, byte[] key, long previousEpoch, byte[] previousKey) { }

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
        long now = clock.instant().getEpochSecond();
        return make(keyFor(now / rotationSeconds), clientCookie, client, now);
    }

    /** Whether {@code serverCookie} is one of ours for this client cookie and address, and still fresh. */
    boolean verifies(byte[] clientCookie, byte[] serverCookie, InetAddress client) {
        if (base == null || serverCookie == null || serverCookie.length != SERVER_LENGTH || serverCookie[0] != 1) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        long made = (serverCookie[4] & 0xffL) << 24 | (serverCookie[5] & 0xffL) << 16
                | (serverCookie[6] & 0xffL) << 8 | serverCookie[7] & 0xffL;
        long epoch = made / rotationSeconds;
        long current = now / rotationSeconds;
        if (made < now - MAX_AGE_SECONDS || made > now + MAX_AHEAD_SECONDS || epoch < current - 1 || epoch > current) {
            return false;
        }
        byte[] expected = new byte[8];
        SipHash24.writeLe64(hash(keyFor(epoch), clientCookie, serverCookie, client), expected, 0);
        return java.security.MessageDigest.isEqual(expected, Arrays.copyOfRange(serverCookie, 8, 16));
    }

    /** SipHash-2-4 over client cookie | version | reserved | timestamp | client address (RFC 9018 section 4.4). */
    private static long hash(byte[] key, byte[] clientCookie, byte[] serverCookie, InetAddress client) {
        byte[] ip = client.getAddress();
        byte[] input = new byte[CLIENT_LENGTH + 8 + ip.length];
        System.arraycopy(clientCookie, 0, input, 0, CLIENT_LENGTH);
        System.arraycopy(serverCookie, 0, input, CLIENT_LENGTH, 8);
        System.arraycopy(ip, 0, input, CLIENT_LENGTH + 8, ip.length);
        return SipHash24.hash(key, input, input.length);
    }

    /** The key of an epoch, computed at most once per epoch (and again only for an older one). */
    private byte[] keyFor(long epoch) {
        EpochKeys k = keys.get();
        if (k.epoch == epoch) {
            return k.key;
        }
        if (k.previousEpoch == epoch) {
            return k.previousKey;
        }
        byte[] key = derive(epoch);
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
        cookie[0] = 1;
        for (int i = 0; i < 4; i++) {
            cookie[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
        }
        SipHash24.writeLe64(hash(sipKey, clientCookie, cookie, client), cookie, 8);
        return cookie;
    }
}
