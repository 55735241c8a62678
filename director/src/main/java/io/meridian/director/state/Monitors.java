package io.meridian.director.state;

import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.ComposedHealth;
import io.meridian.routing.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An endpoint's monitors (each its own probe and state machine) and how many must pass
 * ({@code healthyWhen}).
 *
 * @param targets  one probe per monitor, in config order
 * @param required how many must pass: all of them unless {@code healthyWhen} says otherwise
 */
public record Monitors(List<ProbeTarget> targets, int required) {
    public Monitors {
        targets = List.copyOf(targets);
        if (targets.isEmpty() || required < 1 || required > targets.size()) {
            throw new IllegalArgumentException("monitors " + targets.size() + ", required " + required);
        }
    }

    /** One monitor. */
    public static Monitors of(ProbeTarget target) {
        return new Monitors(List.of(target), 1);
    }

    /** The first (or only) monitor. */
    public ProbeTarget first() {
        return targets.get(0);
    }

    /** The longest probe interval: a vote on the endpoint stays fresh for three of these. */
    public Duration interval() {
        Duration longest = Duration.ZERO;
        for (ProbeTarget t : targets) {
            longest = t.settings().interval().compareTo(longest) > 0 ? t.settings().interval() : longest;
        }
        return longest;
    }

    /** The combined status, from each monitor's health ({@code health} gives null for none yet: checking). */
    public HealthStatus status(Function<ProbeTarget, ProbeHealth> health) {
        if (targets.size() == 1) {
            ProbeHealth h = health.apply(targets.get(0));
            return h == null ? HealthStatus.CHECKING : h.status();
        }
        List<HealthStatus> statuses = new ArrayList<>(targets.size());
        for (ProbeTarget t : targets) {
            ProbeHealth h = health.apply(t);
            statuses.add(h == null ? HealthStatus.CHECKING : h.status());
        }
        return ComposedHealth.of(statuses, required);
    }
}
