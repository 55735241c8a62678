package io.meridian.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules of nested profiles (an endpoint with {@code profile:}).
 *
 * <pre>
 * rule                                                     reported at
 * profile: names no profile of the file                    the reference (with the closest name)
 * a cycle of references (a -> b -> a, or a -> a)           the reference that closes the cycle, once per cycle
 * minChildEndpoints above the child's endpoint count       minChildEndpoints
 * </pre>
 */
final class NestingRules {
    private NestingRules() {
    }

    static void check(List<ProfileReader.Draft> profiles, Problems problems) {
        Map<String, ProfileReader.Draft> byName = new HashMap<>();
        for (ProfileReader.Draft p : profiles) {
            if (p.name() != null) {
                byName.putIfAbsent(p.name().value(), p);
            }
        }
        for (ProfileReader.Draft p : profiles) {
            for (EndpointReader.Draft e : p.endpoints()) {
                if (e.profile() == null) {
                    continue;
                }
                ProfileReader.Draft child = byName.get(e.profile().value());
                if (child == null) {
                    problems.add(e.profile().loc(), e.profile().value() + " is not a profile of this file (expected: "
                            + "the name of a profile" + Suggestions.hint(e.profile().value(), byName.keySet()) + ")");
                    continue;
                }
                int count = child.endpoints().size();
                if (e.minChild() != null && e.minChild().value() > count) {
                    problems.add(e.minChild().loc(), e.minChild().value() + " (expected: 1.." + count
                            + ", the number of endpoints of profile " + child.name().value() + ")");
                }
            }
        }
        reportCycles(profiles, byName, problems);
    }

    /** Depth-first search; a reference to a profile on the current path closes a cycle. */
    private static void reportCycles(List<ProfileReader.Draft> profiles, Map<String, ProfileReader.Draft> byName,
            Problems problems) {
        Set<String> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (ProfileReader.Draft p : profiles) {
            if (p.name() != null) {
                visit(p, byName, new ArrayList<>(), done, reported, problems);
            }
        }
    }

    private static void visit(ProfileReader.Draft p, Map<String, ProfileReader.Draft> byName, List<String> path,
            Set<String> done, Set<Set<String>> reported, Problems problems) {
        String name = p.name().value();
        if (done.contains(name)) {
            return;
        }
        path.add(name);
        for (EndpointReader.Draft e : p.endpoints()) {
            if (e.profile() == null || !byName.containsKey(e.profile().value())) {
                continue;
            }
            String child = e.profile().value();
            int at = path.indexOf(child);
            if (at >= 0) {
                List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                if (reported.add(new HashSet<>(cycle))) {
                    cycle.add(child);
                    problems.add(e.profile().loc(), child + " (expected: no nested-profile cycle; "
                            + String.join(" -> ", cycle) + ")");
                }
            } else {
                visit(byName.get(child), byName, path, done, reported, problems);
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
    }
}
