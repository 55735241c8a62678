package io.meridian.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Applies monitor defaults and the rules between monitor keys. A value may come from the
 * profile or from an endpoint's override; a rule that two values break is reported at the
 * one set at the deeper (more specific) level, where the operator made the later choice.
 *
 * <pre>
 * rule                                   reported at
 * timeout >= interval                    timeout, or interval when only it is set deeper
 * retryInterval > interval               retryInterval, or interval when only it is set deeper
 * protocol TCP without port              protocol
 * protocol TCP with path, expectBody,    that key, or protocol when only it is set deeper
 *   headers or expectedStatusCodes
 * </pre>
 */
final class MonitorRules {
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration RETRY = Duration.ofSeconds(1);
    static final int TOLERATED = 3;
    static final int RECOVER = 2;
    static final List<StatusRange> STATUS = List.of(new StatusRange(200, 299));
    private static final List<String> HTTP_ONLY = List.of("path", "expectBody", "headers", "expectedStatusCodes");

    private MonitorRules() {
    }

    /** The effective monitor, or null when a rule is broken (the problem is reported). */
    static MonitorConfig resolve(MonitorReader.Draft d, Problems problems) {
        Protocol protocol = value(d, "protocol", Protocol.HTTPS);
        Duration interval = value(d, "interval", INTERVAL);
        Duration timeout = value(d, "timeout", TIMEOUT);
        Duration retry = value(d, "retryInterval", RETRY);
        boolean ok = true;
        if (timeout.compareTo(interval) >= 0) {
            ok = false;
            report(problems, d, "timeout", "interval",
                    Durations.format(timeout) + " (expected: less than interval " + Durations.format(interval) + ")",
                    Durations.format(interval) + " (expected: more than timeout " + Durations.format(timeout) + ")");
        }
        if (retry.compareTo(interval) > 0) {
            ok = false;
            report(problems, d, "retryInterval", "interval",
                    Durations.format(retry) + " (expected: at most interval " + Durations.format(interval) + ")",
                    Durations.format(interval) + " (expected: at least retryInterval " + Durations.format(retry) + ")");
        }
        int port = value(d, "port", protocol.defaultPort());
        if (protocol == Protocol.TCP) {
            if (port == 0) {
                ok = false;
                Sourced<Protocol> p = d.get("protocol");
                problems.add(p.loc(), "TCP (expected: a monitor port too; TCP has no default port)");
            }
            for (String key : HTTP_ONLY) {
                if (d.get(key) != null) {
                    ok = false;
                    report(problems, d, key, "protocol",
                            "set with protocol TCP (expected: only with HTTP or HTTPS)",
                            "TCP (expected: HTTP or HTTPS, because " + key + " is set)");
                }
            }
        }
        if (!ok) {
            return null;
        }
        return new MonitorConfig(protocol, port, value(d, "path", "/"), interval, timeout,
                value(d, "toleratedFailures", TOLERATED), retry, value(d, "recoverAfter", RECOVER),
                value(d, "expectedStatusCodes", STATUS), value(d, "expectBody", ""),
                value(d, "headers", Map.of()), value(d, "tlsVerify", Boolean.TRUE));
    }

    private static <T> T value(MonitorReader.Draft d, String key, T fallback) {
        Sourced<T> s = d.get(key);
        return s == null ? fallback : s.value();
    }

    /** Reports at {@code first}, unless only {@code second} is set, or set deeper. */
    private static void report(Problems problems, MonitorReader.Draft d, String first, String second,
            String firstMessage, String secondMessage) {
        Sourced<?> a = d.get(first);
        Sourced<?> b = d.get(second);
        if (b != null && (a == null || b.depth() > a.depth())) {
            problems.add(b.loc(), secondMessage);
        } else if (a != null) {
            problems.add(a.loc(), firstMessage);
        }
    }
}
