package io.meridian.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an endpoint is probed, with every default applied (per-endpoint overrides already merged).
 *
 * @param port              the probe port; the protocol's default (443, 80) when not configured
 * @param path              HTTP(S) request path, starting with {@code /}
 * @param timeout           always shorter than {@code interval}
 * @param toleratedFailures consecutive failures tolerated: degraded after {@code toleratedFailures + 1}
 * @param retryInterval     delay before re-probing after a failure
 * @param recoverAfter      consecutive successes that bring a degraded endpoint back
 * @param expectBody        substring the body must contain; empty = no body check
 * @param headers           extra request headers (for example {@code Host})
 */
public record MonitorConfig(
        Protocol protocol,
        int port,
        String path,
        Duration interval,
        Duration timeout,
        int toleratedFailures,
        Duration retryInterval,
        int recoverAfter,
        List<StatusRange> expectedStatusCodes,
        String expectBody,
        Map<String, String> headers,
        boolean tlsVerify) {

    public MonitorConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(expectBody, "expectBody");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: less than interval " + interval + ")");
        }
        expectedStatusCodes = List.copyOf(expectedStatusCodes);
        headers = Map.copyOf(headers);
    }

    /** True when {@code status} is in one of the expected ranges. */
    public boolean accepts(int status) {
        return expectedStatusCodes.stream().anyMatch(r -> r.contains(status));
    }
}
