package io.meridian.routing;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Multivalue: up to {@code maxAnswers} routable endpoints (IP targets only; the config rejects
 * host names), in random order: a partial Fisher-Yates shuffle of a copy of the routable set.
 * Nested endpoints contribute their child's answers, duplicates dropped, still at most
 * {@code maxAnswers} in total. Scope 0 unless a nested child decided per client.
 *
 * <pre>
 * routable endpoints                        | answer
 * ------------------------------------------+-----------------------------------------------
 * none (every endpoint disabled)            | nothing (NODATA)
 * one                                       | that one
 * n &lt;= maxAnswers healthy                  | all n, in random order
 * n &gt; maxAnswers healthy                   | a uniformly random maxAnswers of them, random order
 * none healthy, some enabled (all degraded) | as above over every enabled endpoint, failOpen
 * </pre>
 */
final class MultivalueMethod implements RoutingMethod {
    private final CompiledProfile profile;
    private final int maxAnswers;
    private final boolean nested;
    private final Decision fixed;

    MultivalueMethod(CompiledProfile profile) {
        this.profile = profile;
        this.maxAnswers = profile.definition().maxAnswers();
        if (maxAnswers < 1) {
            throw new IllegalArgumentException(profile.name() + ": maxAnswers: " + maxAnswers + " (expected: >= 1)");
        }
        for (Endpoint e : profile.endpoints()) {
            if (e.target() instanceof Target.Host) {
                throw new IllegalArgumentException(profile.name() + "/" + e.name()
                        + ": target: " + e.target().text() + " (expected: an IP address for multivalue)");
            }
        }
        int[] routable = profile.routable();
        this.nested = Arrays.stream(routable).anyMatch(i -> profile.endpoint(i).isNested());
        this.fixed = routable.length == 0 ? profile.none()
                : routable.length == 1 ? profile.fixedAnswer(routable[0], profile.describeMethod()
                        + ": answered " + profile.endpoint(routable[0]).name() + ", the only routable endpoint")
                : null;
    }

    @Override
    public Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        int[] order = profile.routable().clone();
        int count = Math.min(maxAnswers, order.length);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        // nested children may contribute fewer leaves than one each: offer every endpoint, in shuffled order
        int offered = count;
        if (nested) {
            for (int i = count; i < order.length; i++) {
                int j = i + random.nextInt(order.length - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            offered = order.length;
        }
        String why = null;
        if (explain) {
            StringBuilder b = new StringBuilder(profile.describeMethod()).append(": up to ").append(maxAnswers)
                    .append(" of ").append(order.length).append(" routable in random order:");
            for (int i = 0; i < count; i++) {
                b.append(' ').append(profile.endpoint(order[i]).name());
            }
            why = b.toString();
        }
        return profile.answerAll(order, offered, maxAnswers, client, random, explain, why);
    }

    @Override
    public Decision fixed() {
        return fixed;
    }
}
