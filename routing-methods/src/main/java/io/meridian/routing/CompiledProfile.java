package io.meridian.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * One profile compiled against one health view: effective statuses, the routable endpoints
 * in priority order (the fail-open rule lives here, in {@link #routable}), compiled children
 * of nested endpoints, and the routing method bound to all of it. Immutable.
 */
final class CompiledProfile {
    private final ProfileDefinition definition;
    private final List<Endpoint> endpoints;
    private final HealthStatus[] status;
    private final CompiledProfile[] children;
    private final GeoLocator locator;
    private final long ttlSeconds;
    private final int healthyCount;
    private final boolean allDown;
    private final boolean failOpen;
    private final Endpoint lastResort;
    private final int[] routable;
    private final boolean[] isRoutable;
    private final String notes;
    private final String summary;
    private final RoutingMethod method;
    private final Decision fixed;

    /**
     * @param status   effective status per endpoint (nested ones already derived from their child)
     * @param children compiled child per endpoint, null for leaves
     */
    CompiledProfile(ProfileDefinition definition, HealthStatus[] status, CompiledProfile[] children,
                    GeoLocator locator, LatencyEstimator estimator, MeasuredLatency measured) {
        this.definition = definition;
        this.endpoints = definition.endpoints();
        this.status = status.clone();
        this.children = children.clone();
        this.locator = locator;
        this.ttlSeconds = definition.ttl().toSeconds();
        this.healthyCount = (int) Arrays.stream(status).filter(HealthStatus::healthy).count();
        boolean anyEnabled = Arrays.stream(status).anyMatch(s -> s != HealthStatus.DISABLED);
        this.allDown = healthyCount == 0 && anyEnabled;
        this.failOpen = allDown && definition.allDown() == AllDown.FAIL_OPEN;
        this.lastResort = definition.lastResort() == null ? null : new Endpoint(LAST_RESORT, definition.lastResort(), null,
                Integer.MAX_VALUE, 1, List.of(), List.of(), true, true, null, 0);
        this.routable = routable(status, endpoints, children, definition.allDown());
        this.isRoutable = new boolean[status.length];
        for (int index : routable) {
            isRoutable[index] = true;
        }
        this.notes = notes();
        this.summary = definition.method().name().toLowerCase(Locale.ROOT) + " over "
                + routable.length + " routable endpoint(s)" + (failOpen ? ", failing open" : "")
                + " (explain for details)";
        this.method = RoutingMethod.of(this, estimator, measured);
        this.fixed = method.fixed();
    }

    /** The name a last-resort answer carries in decisions and metrics: outside the names endpoints may have. */
    static final String LAST_RESORT = "(lastResort)";

    /**
     * The one all-down rule (SPEC sections 4 and 7): the healthy endpoints; if there are none, as
     * the profile's {@code allDown} says: {@code failOpen} every enabled one (answering degraded
     * endpoints beats answering nothing when a probe is broken), but not a nested one whose child
     * would answer nothing; {@code noData} and {@code lastResort} none (their answer is
     * {@link #none()}). Never a disabled one. In priority order, ties in configuration order.
     *
     * <pre>
     * | healthy endpoints | allDown    | routable                                              |
     * |-------------------|------------|-------------------------------------------------------|
     * | some              | any        | the healthy ones                                      |
     * | none              | failOpen   | every enabled one, less nested ones that answer nothing |
     * | none              | noData     | none: NODATA                                          |
     * | none              | lastResort | none: the lastResort target                           |
     * </pre>
     */
    static int[] routable(HealthStatus[] status, List<Endpoint> endpoints, CompiledProfile[] children, AllDown policy) {
        int[] healthy = IntStream.range(0, status.length).filter(i -> status[i].healthy()).toArray();
        int[] chosen = healthy.length > 0 ? healthy
                : policy != AllDown.FAIL_OPEN ? new int[0]
                : IntStream.range(0, status.length).filter(i -> status[i] != HealthStatus.DISABLED
                        && (children[i] == null || children[i].answersSomething())).toArray();
        return Arrays.stream(chosen).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> endpoints.get(i).priority()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    Decision decide(ClientContext client, RandomGenerator random, boolean explain) {
        return fixed != null ? fixed : method.decide(client, random, explain);
    }

    /** Answers endpoint {@code index}: itself when a leaf, its child's decision when nested. */
    Decision answer(int index, int scope, ClientContext client, RandomGenerator random, boolean explain, String why) {
        Endpoint endpoint = endpoints.get(index);
        if (children[index] == null) {
            return new Decision(name(), List.of(endpoint), ttlSeconds, cap(scope, client), failOpen, text(why, explain));
        }
        Decision child = children[index].decide(client, random, explain);
        return nest(child, cap(Math.max(scope, child.scopePrefix()), client), text(why, explain), explain);
    }

    /** The decision answering {@code index} for every client, or null when the child decides per client. */
    Decision fixedAnswer(int index, String why) {
        if (children[index] == null) {
            return new Decision(name(), List.of(endpoints.get(index)), ttlSeconds, 0, failOpen, why + notes);
        }
        Decision child = children[index].fixed;
        return child == null ? null : nest(child, child.scopePrefix(), why + notes, true);
    }

    Decision empty(int scope, ClientContext client, boolean explain, String why) {
        return new Decision(name(), List.of(), ttlSeconds, cap(scope, client), failOpen, text(why, explain));
    }

    /**
     * For the matching methods (geographic, subnet): the answer when it cannot depend on the
     * client, so it is computed once per table: nothing when no endpoint is routable; the
     * only routable endpoint when {@code fallback: nearest} would pick it anyway. Else null.
     */
    Decision clientIndependentAnswer() {
        int[] routable = routable();
        if (routable.length == 0) {
            return none();
        }
        if (routable.length == 1 && definition().fallback() == Fallback.NEAREST) {
            return fixedAnswer(routable[0], describeMethod() + ": answered " + endpoint(routable[0]).name()
                    + ", the only routable endpoint");
        }
        return null;
    }

    /**
     * The decision for a profile that has nothing routable, the same for every client: its
     * last-resort target when all is down and the policy says so, else nothing.
     */
    Decision none() {
        if (allDown && lastResort != null) {
            return new Decision(name(), List.of(lastResort), ttlSeconds, 0, false, describeMethod()
                    + ": answered the lastResort target " + lastResort.target().text() + notes);
        }
        return new Decision(name(), List.of(), ttlSeconds, 0, failOpen, describeMethod() + ": no routable endpoint" + notes);
    }

    /** Whether a decision of this profile has an answer: something routable, or a last resort to give. */
    boolean answersSomething() {
        return routable.length > 0 || (allDown && lastResort != null);
    }

    /** Multivalue: answers several endpoints, nested ones expanded, at most {@code max} leaves, no duplicates. */
    Decision answerAll(int[] chosen, int count, int max, ClientContext client, RandomGenerator random,
                       boolean explain, String why) {
        List<Endpoint> answers = new ArrayList<>(Math.min(count, max));
        int scope = 0;
        boolean open = failOpen;
        StringBuilder nested = explain ? new StringBuilder() : null;
        for (int i = 0; i < count && answers.size() < max; i++) {
            int index = chosen[i];
            if (children[index] == null) {
                answers.add(endpoints.get(index));
                continue;
            }
            Decision child = children[index].decide(client, random, explain);
            scope = Math.max(scope, child.scopePrefix());
            open |= child.failOpen();
            for (Endpoint leaf : child.answers()) {
                if (answers.size() < max && !answers.contains(leaf)) {
                    answers.add(leaf);
                }
            }
            if (nested != null) {
                nested.append("; ").append(endpoints.get(index).name()).append(" -> ").append(child.explanation());
            }
        }
        String text = explain ? why + nested + notes : summary;
        return new Decision(name(), answers, ttlSeconds, cap(scope, client), open, text);
    }

    private Decision nest(Decision child, int scope, String why, boolean explain) {
        String text = explain ? why + " -> " + child.explanation() : why;
        return new Decision(name(), child.answers(), ttlSeconds, scope, failOpen || child.failOpen(), text);
    }

    private String text(String why, boolean explain) {
        return explain ? why + notes : summary;
    }

    /**
     * The scope a decision for {@code client} carries (ADR 13): the prefix of the data that decided,
     * which may be longer than the source prefix when that data is more specific (RFC 7871 section
     * 7.2.1: the source was not specific enough), never longer than the address; 0 for a source
     * prefix of 0 (the client asked for an answer that is not tailored). Methods whose scope is a
     * bound rather than the client's network (subnet tables) cap it at the source themselves.
     */
    private static int cap(int scope, ClientContext client) {
        return client.sourcePrefix() == 0 ? 0 : Math.min(scope, client.address().getAddress().length * 8);
    }

    /** Why endpoints were skipped and whether the profile fails open; appended to every explanation. */
    private String notes() {
        StringBuilder b = new StringBuilder();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < status.length; i++) {
            if (!isRoutable[i]) {
                skipped.add(endpoints.get(i).name() + " (" + status[i].label() + ")");
            }
        }
        if (!skipped.isEmpty()) {
            b.append("; skipped ").append(String.join(", ", skipped));
        }
        if (allDown) {
            b.append(switch (definition.allDown()) {
                case FAIL_OPEN -> "; every enabled endpoint is degraded: allDown failOpen, failing open, answering as if all were healthy";
                case NO_DATA -> "; every enabled endpoint is degraded: allDown noData, answering nothing";
                case LAST_RESORT -> "; every enabled endpoint is degraded: allDown lastResort";
            });
        }
        return b.toString();
    }

    String describeMethod() {
        return name() + " [" + definition.method().name().toLowerCase(Locale.ROOT) + "]";
    }

    String summary() {
        return summary;
    }

    ProfileDefinition definition() {
        return definition;
    }

    String name() {
        return definition.name();
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    Endpoint endpoint(int index) {
        return endpoints.get(index);
    }

    HealthStatus status(int index) {
        return status[index];
    }

    int[] routable() {
        return routable;
    }

    boolean isRoutable(int index) {
        return isRoutable[index];
    }

    boolean failOpen() {
        return failOpen;
    }

    boolean allDown() {
        return allDown;
    }

    int healthyCount() {
        return healthyCount;
    }

    GeoLocator locator() {
        return locator;
    }
}
