package io.meridian.routing;

import java.util.List;

/**
 * The answer for one client: the leaf endpoints to return (nested profiles already
 * resolved), in answer order, and why.
 *
 * @param profile     the profile that was asked (the outermost one for nested profiles)
 * @param answers     leaf endpoints, each with a non-null target; empty = no answer (NODATA)
 * @param ttlSeconds  TTL for the answer records
 * @param scopePrefix ECS scope prefix: 0 when the answer does not depend on the client (or the
 *                    client's source prefix is 0), otherwise the prefix of the data that decided
 *                    it, which is longer than the source prefix when that data is more specific
 *                    (RFC 7871 section 7.2.1; ADR 13)
 * @param failOpen    true when every enabled endpoint was degraded and all were treated as healthy
 * @param explanation human-readable reason (method, location, candidates, skips, fail-open)
 * @param latency     what ranked the endpoints when latency did (performance, {@code nearest}):
 *                    measured figures or the model; null when latency played no part
 */
public record Decision(
        String profile,
        List<Endpoint> answers,
        long ttlSeconds,
        int scopePrefix,
        boolean failOpen,
        String explanation,
        LatencySource latency) {

    public Decision {
        answers = List.copyOf(answers);
    }

    public Decision(String profile, List<Endpoint> answers, long ttlSeconds, int scopePrefix, boolean failOpen,
                    String explanation) {
        this(profile, answers, ttlSeconds, scopePrefix, failOpen, explanation, null);
    }

    /** This decision, marked as ranked by {@code source}. */
    public Decision rankedBy(LatencySource source) {
        return source == latency ? this
                : new Decision(profile, answers, ttlSeconds, scopePrefix, failOpen, explanation, source);
    }
}
