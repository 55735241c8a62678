package io.meridian.dns;

import io.meridian.routing.Decision;

/**
 * Hooks the server calls on its event loops; implementations must be cheap and thread-safe
 * (e.g. pre-registered Micrometer counters looked up by small keys).
 */
public interface DnsMetrics {

    /**
     * One query was answered.
     *
     * @param qtype         the question type, or -1 when the query had no readable question
     * @param rcode         the response code, extended rcodes included (16 = BADVERS)
     * @param decision      the routing decision the answer came from (profile, answered
     *                      endpoints), or null when no profile was consulted
     * @param durationNanos from reading the query to having its response encoded
     */
    void answered(int qtype, int rcode, Decision decision, long durationNanos);

    /** A datagram or TCP frame was dropped without a response (unreadable header, or a response). */
    default void dropped() {
    }

    /**
     * A UDP response was rate limited (RRL): dropped, or sent truncated when {@code slipped}.
     * Not also counted as answered or dropped.
     */
    default void rateLimited(boolean slipped) {
    }

    static DnsMetrics noop() {
        return (qtype, rcode, decision, durationNanos) -> { };
    }
}
