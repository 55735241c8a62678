package io.meridian.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code dns.rateLimit}: response rate limiting as in Knot and BIND (SPEC section 10).
 *
 * @param responsesPerSecond identical responses per client network per second, averaged over the window
 * @param slip               every slip-th limited response is sent truncated; 0 drops them all
 * @param window             the period the rate is averaged over
 * @param ipv4Prefix         IPv4 clients are grouped by this prefix length
 * @param ipv6Prefix         IPv6 clients are grouped by this prefix length
 */
public record RateLimitConfig(int responsesPerSecond, int slip, Duration window, int ipv4Prefix, int ipv6Prefix) {
    public RateLimitConfig {
        Objects.requireNonNull(window, "window");
    }
}
