package io.meridian.routing;

import java.util.random.RandomGenerator;

/**
 * Priority: the routable endpoint with the lowest {@code priority}. Needs no client location,
 * so the scope is 0 and (for leaf endpoints) the decision is computed once per table.
 *
 * <pre>
 * routable endpoints (healthy, else every enabled = fail open)  | answer
 * --------------------------------------------------------------+---------------------------------
 * none (every endpoint disabled)                                | nothing (NODATA), scope 0
 * some healthy                                                  | lowest-priority healthy, scope 0
 * none healthy, some enabled (all degraded)                     | lowest-priority enabled, failOpen
 * lowest one is a nested profile                                | the child's decision (its scope)
 * </pre>
 */
final class PriorityMethod implements RoutingMethod {
    private final CompiledProfile profile;
    private final Decision fixed;

    PriorityMethod(CompiledProfile profile) {
        this.profile = profile;
        int[] routable = profile.routable();
        this.fixed = routable.length == 0 ? profile.none() : profile.fixedAnswer(routable[0], why(routable[0]));
    }

    @Override
    public Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        int first = profile.routable()[0];
        return profile.answer(first, 0, client, random, explain, explain ? why(first) : null);
    }

    @Override
    public Decision fixed() {
        return fixed;
    }

    private String why(int index) {
        Endpoint e = profile.endpoint(index);
        return profile.describeMethod() + ": answered " + e.name() + " (priority " + e.priority()
                + ", lowest of " + profile.routable().length + " routable)";
    }
}
