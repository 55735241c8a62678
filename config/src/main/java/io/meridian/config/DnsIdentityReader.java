package io.meridian.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the hardening keys of the {@code dns} section (SPEC section 10): {@code nsid},
 * {@code version}, {@code rateLimit} and {@code cookies}, with their defaults.
 */
final class DnsIdentityReader {
    static final int SLIP = 2;
    static final Duration WINDOW = Duration.ofSeconds(15);
    static final int IPV4_PREFIX = 24;
    static final int IPV6_PREFIX = 56;

    /** The keys as read; null where absent or invalid (reported). */
    record Draft(Sourced<String> nsid, Sourced<String> version, RateLimitConfig rateLimit, Sourced<Boolean> cookies) {
        static final Draft NONE = new Draft(null, null, null, null);
    }

    private DnsIdentityReader() {
    }

    /** @param readNsid false for another director's file: its NSID is not ours (node-local) */
    static Draft read(YMap dns, boolean readNsid) {
        Sourced<String> nsid = readNsid ? dns.parse("nsid", DnsIdentityReader::nsid) : null;
        Sourced<String> version = dns.get("version").map(n -> n.parse(DnsIdentityReader::version)).orElse(null);
        Sourced<Boolean> cookies = dns.parse("cookies", Scalars::bool);
        RateLimitConfig rateLimit = dns.get("rateLimit").flatMap(DnsIdentityReader::rateLimit).orElse(null);
        return new Draft(nsid, version, rateLimit, cookies);
    }

    private static Optional<RateLimitConfig> rateLimit(YNode node) {
        return node.map("responsesPerSecond", "slip", "window", "ipv4Prefix", "ipv6Prefix").flatMap(m -> {
            Sourced<Integer> rate = m.parseRequired("responsesPerSecond",
                    "identical responses per client network per second, such as 20", Scalars.intBetween(1, 1_000_000));
            Sourced<Integer> slip = m.parse("slip", Scalars.intBetween(0, 100));
            Sourced<Duration> window = m.parse("window", Durations.wholeSeconds(Duration.ofSeconds(1), Duration.ofHours(1)));
            Sourced<Integer> v4 = m.parse("ipv4Prefix", Scalars.intBetween(8, 32));
            Sourced<Integer> v6 = m.parse("ipv6Prefix", Scalars.intBetween(16, 128));
            if (rate == null) {
                return Optional.empty(); // reported; the others are reported where they are wrong
            }
            return Optional.of(new RateLimitConfig(rate.value(), slip == null ? SLIP : slip.value(),
                    window == null ? WINDOW : window.value(), v4 == null ? IPV4_PREFIX : v4.value(),
                    v6 == null ? IPV6_PREFIX : v6.value()));
        });
    }

    /** An NSID: what operators read in {@code dig +nsid}, so printable ASCII, one TXT string long. */
    private static String nsid(String text) throws BadValue {
        if (text.isEmpty() || text.length() > 255 || !text.chars().allMatch(c -> c > ' ' && c <= '~')) {
            throw BadValue.expected(text, "1 to 255 printable ASCII characters without spaces, such as westus2");
        }
        return text;
    }

    /** The version.bind answer; empty means REFUSED. */
    private static String version(String text) throws BadValue {
        if (text.getBytes(StandardCharsets.UTF_8).length > 255 || text.chars().anyMatch(Character::isISOControl)) {
            throw BadValue.expected(text, "at most 255 bytes without control characters, or an empty string to refuse");
        }
        return text;
    }
}
