package io.meridian.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem of one load. Identical problems are kept once (a profile's monitor
 * is checked again for each endpoint that inherits it); the list comes out in file order.
 */
final class Problems {
    static final int LIMIT = 200;

    private final Set<ConfigProblem> problems = new LinkedHashSet<>();

    void add(Loc loc, String message) {
        problems.add(loc.problem(message));
    }

    void add(ConfigProblem problem) {
        problems.add(problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> sorted() {
        List<ConfigProblem> all = problems.stream()
                .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
                .toList();
        if (all.size() <= LIMIT) {
            return all;
        }
        ConfigProblem last = all.get(LIMIT);
        List<ConfigProblem> cut = new ArrayList<>(all.subList(0, LIMIT));
        cut.add(new ConfigProblem(last.file(), 0, 0, "", "... and " + (all.size() - LIMIT) + " more problems"));
        return List.copyOf(cut);
    }
}
