package io.meridian.director.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from {@code cluster.secret}: the same secret gives the same keys on every director,
 * and each use has its own key. PBKDF2 (HMAC-SHA-256, 210,000 iterations, OWASP's figure) makes
 * guessing a weak secret slow; it takes about a second, so derive off the event loop.
 */
public final class ClusterKeys {
    /** The cipher of cluster traffic: authenticated (AEAD), and one JGroups' SYM_ENCRYPT can drive. */
    static final String CIPHER = "ChaCha20-Poly1305";
    private static final int ITERATIONS = 210_000;

    private ClusterKeys() {
    }

    /** The key that encrypts and authenticates every message between directors. */
    public static SecretKey transport(String secret) {
        // named after the cipher: SYM_ENCRYPT takes the key's algorithm as its cipher
        return new SecretKeySpec(derive(secret, "meridian-cluster-v1/transport", 32), CIPHER);
    }

    /** A secret for another purpose (such as DNS server cookies), independent of the transport key. */
    public static byte[] purpose(String secret, String purpose, int bytes) {
        return derive(secret, "meridian-cluster-v1/" + purpose, bytes);
    }

    private static byte[] derive(String secret, String salt, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), ITERATIONS,
                bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }
}
