package io.meridian.dns;

import java.time.Duration;
import java.util.Objects;

/**
 * Response rate limiting settings (Knot's and BIND's RRL).
 *
 * @param responsesPerSecond identical responses one client network may get per second, on average
 * @param slip               every slip-th limited response is sent truncated (TC) instead of
 *                           dropped, so a real client behind a spoofed address retries over TCP;
 *                           0 = drop all, 1 = truncate all
 * @param window             the period the rate is averaged over: a network that went over the
 *                           rate stays limited for up to this long after it slows down
 * @param ipv4Prefix         IPv4 clients are grouped into networks of this prefix length
 * @param ipv6Prefix         IPv6 clients are grouped into networks of this prefix length
 * @param tableSize          how many (network, response) buckets are kept; a fixed table, so a
 *                           flood of random sources replaces buckets rather than grow memory
 */
public record RateLimit(int responsesPerSecond, int slip, Duration window, int ipv4Prefix, int ipv6Prefix,
                        int tableSize) {

    public static final int DEFAULT_SLIP = 2;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(15);
    public static final int DEFAULT_IPV4_PREFIX = 24;
    public static final int DEFAULT_IPV6_PREFIX = 56;
    public static final int DEFAULT_TABLE_SIZE = 1 << 16;

    public RateLimit {
        if (responsesPerSecond < 1 || responsesPerSecond > 1_000_000) {
            throw new IllegalArgumentException("responsesPerSecond: " + responsesPerSecond + " (expected: 1..1000000)");
        }
        if (slip < 0 || slip > 100) {
            throw new IllegalArgumentException("slip: " + slip + " (expected: 0..100)");
        }
        Objects.requireNonNull(window, "window");
        if (window.getSeconds() < 1 || window.getSeconds() > 3600) {
            throw new IllegalArgumentException("window: " + window + " (expected: 1s..1h)");
        }
        if (ipv4Prefix < 8 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("ipv4Prefix: " + ipv4Prefix + " (expected: 8..32)");
        }
        if (ipv6Prefix < 16 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix: " + ipv6Prefix + " (expected: 16..128)");
        }
        if (tableSize < 4 || tableSize > 1 << 24 || Integer.bitCount(tableSize) != 1) {
            throw new IllegalArgumentException("tableSize: " + tableSize + " (expected: a power of two, 4..16777216)");
        }
    }

    /** The defaults of SPEC section 10 for everything but the rate. */
    public static RateLimit of(int responsesPerSecond) {
        return new RateLimit(responsesPerSecond, DEFAULT_SLIP, DEFAULT_WINDOW, DEFAULT_IPV4_PREFIX,
                DEFAULT_IPV6_PREFIX, DEFAULT_TABLE_SIZE);
    }
}
