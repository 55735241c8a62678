package io.meridian.probes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How to probe an endpoint and how to judge the results (SPEC section 3). The port is not here: it
 * belongs to the {@link ProbeTarget} because {@code probeAddress} may override it per endpoint.
 *
 * <p>Ranges checked here are the ones the probes need to work; the user-facing limits (interval
 * 1s..5m and the like) are the config module's business, so tests and benchmarks may go below them.
 *
 * @param expectedStatusCodes the HTTP statuses that count as success (the config writes them as ranges)
 * @param expectBody substring the first {@value #BODY_LIMIT} bytes of the body must contain; empty for none
 * @param headers    extra request headers; a {@code Host} header also sets SNI and the name verified
 */
public record MonitorSettings(
        Protocol protocol,
        String path,
        Duration interval,
        Duration timeout,
        int toleratedFailures,
        Duration retryInterval,
        int recoverAfter,
        Set<Integer> expectedStatusCodes,
        String expectBody,
        Map<String, String> headers,
        boolean tlsVerify) {

    /** Bytes of a response body a probe reads at most. */
    public static final int BODY_LIMIT = 64 * 1024;

    public enum Protocol { HTTP, HTTPS, TCP }

    public MonitorSettings {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
        }
        requirePositive("interval", interval);
        requirePositive("timeout", timeout);
        requirePositive("retryInterval", retryInterval);
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: < interval " + interval + ")");
        }
        new HealthPolicy(toleratedFailures, recoverAfter); // validates both
        expectedStatusCodes = Set.copyOf(expectedStatusCodes);
        if (expectedStatusCodes.isEmpty()) {
            throw new IllegalArgumentException("expectedStatusCodes: [] (expected: at least one status)");
        }
        for (int code : expectedStatusCodes) {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("expectedStatusCodes: " + code + " (expected: 100..599)");
            }
        }
        Objects.requireNonNull(expectBody, "expectBody (use \"\" for none)");
        int bodyBytes = expectBody.getBytes(StandardCharsets.UTF_8).length;
        if (bodyBytes > BODY_LIMIT) {
            throw new IllegalArgumentException("expectBody: " + bodyBytes + " bytes (expected: <= " + BODY_LIMIT + ")");
        }
        headers = Map.copyOf(headers);
    }

    /**
     * Equal settings hash equally, as the record's contract asks, but without the two collections: the
     * scheduler hashes every {@link ProbeTarget} (and so these settings) on each snapshot it publishes,
     * and hashing the expected-status set (100 Integers by default) made that most of the monitor's
     * CPU at 10,000 endpoints (docs/BENCHMARKS.md, issue 13 profile). The scalars tell settings apart well
     * enough; records whose collections alone differ still compare unequal.
     */
    @Override
    public int hashCode() {
        int h = protocol.hashCode();
        h = 31 * h + path.hashCode();
        h = 31 * h + interval.hashCode();
        h = 31 * h + timeout.hashCode();
        h = 31 * h + toleratedFailures;
        h = 31 * h + retryInterval.hashCode();
        h = 31 * h + recoverAfter;
        h = 31 * h + expectBody.hashCode();
        h = 31 * h + expectedStatusCodes.size();
        h = 31 * h + headers.size();
        return 31 * h + (tlsVerify ? 1 : 0);
    }

    /** HTTP GET / every 10s, timeout 5s, 3 tolerated failures, retry after 1s, back after 2, 200-299. */
    public static MonitorSettings defaults(Protocol protocol) {
        return new MonitorSettings(protocol, "/", Duration.ofSeconds(10), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(1), 2, statusCodes(200, 299), "", Map.of(), true);
    }

    /** The statuses {@code from..to}, inclusive. */
    public static Set<Integer> statusCodes(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toUnmodifiableSet());
    }

    public HealthPolicy policy() {
        return new HealthPolicy(toleratedFailures, recoverAfter);
    }

    /** The {@code Host} header configured in {@link #headers()}, matched case-insensitively; null if none. */
    public String hostHeader() {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("host"))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    public boolean statusExpected(int status) {
        return expectedStatusCodes.contains(status);
    }

    /** The expected statuses as ranges, as the config writes them: {@code 200-299, 301}. */
    public String describeExpected() {
        StringBuilder s = new StringBuilder();
        int start = -1;
        int previous = -2;
        for (int code : new TreeSet<>(expectedStatusCodes)) {
            if (code != previous + 1) {
                appendRange(s, start, previous);
                start = code;
            }
            previous = code;
        }
        appendRange(s, start, previous);
        return s.toString();
    }

    private static void appendRange(StringBuilder s, int from, int to) {
        if (from < 0) {
            return;
        }
        if (s.length() > 0) {
            s.append(", ");
        }
        s.append(from == to ? Integer.toString(from) : from + "-" + to);
    }

    public MonitorSettings withTiming(Duration interval, Duration timeout, Duration retryInterval) {
        return new MonitorSettings(protocol, path, interval, timeout, toleratedFailures, retryInterval,
                recoverAfter, expectedStatusCodes, expectBody, headers, tlsVerify);
    }

    public MonitorSettings withThresholds(int toleratedFailures, int recoverAfter) {
        return new MonitorSettings(protocol, path, interval, timeout, toleratedFailures, retryInterval,
                recoverAfter, expectedStatusCodes, expectBody, headers, tlsVerify);
    }

    public MonitorSettings withHttp(String path, String expectBody, Map<String, String> headers, boolean tlsVerify) {
        return new MonitorSettings(protocol, path, interval, timeout, toleratedFailures, retryInterval,
                recoverAfter, expectedStatusCodes, expectBody, headers, tlsVerify);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
