package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Every operator override, removals included, and the state's version: the largest stamp it
 * has ever held (it never goes back, also when an entry is dropped because its endpoint left
 * the config). Immutable; every change yields a new value.
 */
public record OperatorState(Map<OverrideKey, OperatorOverride> overrides, Stamp version) {

    public static final OperatorState NONE = new OperatorState(Map.of(), Stamp.ZERO);
    /** How long the removal of an alert is remembered (so a late copy from another director does not revive it). */
    private static final Duration ALERT_MEMORY = Duration.ofDays(1);

    public OperatorState {
        overrides = Map.copyOf(overrides);
        for (OperatorOverride o : overrides.values()) {
            version = Stamp.max(version, o.stamp());
        }
    }

    /** The endpoint's own override, removals and lapsed ones included; empty if never set. */
    public Optional<OperatorOverride> endpoint(EndpointId id) {
        return Optional.ofNullable(overrides.get(new OverrideKey.Endpoint(id)));
    }

    /** The region's override, removals and lapsed ones included; empty if never set. */
    public Optional<OperatorOverride> region(String name) {
        return Optional.ofNullable(overrides.get(new OverrideKey.Region(name)));
    }

    /** The earliest {@code until} after {@code now} of an override still in force; null if none lapses. */
    public Instant nextLapse(Instant now) {
        Instant next = null;
        for (OperatorOverride o : overrides.values()) {
            if (o.activeAt(now) && o.until() != null && (next == null || o.until().isBefore(next))) {
                next = o.until();
            }
        }
        return next;
    }

    /**
     * Without the overrides that lapsed by {@code now} (an expired override is gone) and the
     * removals of alerts older than a day (alerts come and go; endpoints' removals are bounded by
     * the config); this very value when nothing goes. The version stays.
     */
    public OperatorState withoutLapsed(Instant now) {
        Instant forgotten = now.minus(ALERT_MEMORY);
        boolean any = overrides.entrySet().stream().anyMatch(e -> !keep(e.getKey(), e.getValue(), now, forgotten));
        return any ? retain((k, o) -> keep(k, o, now, forgotten), (k, o) -> { }) : this;
    }

    private static boolean keep(OverrideKey key, OperatorOverride o, Instant now, Instant forgotten) {
        if (o.removed()) {
            return !(key instanceof OverrideKey.Alert) || o.at().isAfter(forgotten);
        }
        return o.activeAt(now);
    }

    /** The alerts in force, each with what it degrades. */
    public Map<OverrideKey.Alert, OperatorOverride> alerts() {
        Map<OverrideKey.Alert, OperatorOverride> alerts = new HashMap<>();
        overrides.forEach((key, o) -> {
            if (key instanceof OverrideKey.Alert a && !o.removed()) {
                alerts.put(a, o);
            }
        });
        return alerts;
    }

    /** The state with {@code override} recorded for {@code key}, if it is newer than what is there. */
    public OperatorState with(OverrideKey key, OperatorOverride override) {
        OperatorOverride now = overrides.get(key);
        if (now != null && now.stamp().compareTo(override.stamp()) >= 0) {
            return this;
        }
        Map<OverrideKey, OperatorOverride> copy = new HashMap<>(overrides);
        copy.put(key, override);
        return new OperatorState(copy, version);
    }

    /** Keeps only entries whose key still exists; {@code dropped} receives the others. The version stays. */
    public OperatorState retain(Predicate<OverrideKey> exists, BiConsumer<OverrideKey, OperatorOverride> dropped) {
        return retain((key, o) -> exists.test(key), dropped);
    }

    private OperatorState retain(BiPredicate<OverrideKey, OperatorOverride> keep,
                                 BiConsumer<OverrideKey, OperatorOverride> dropped) {
        Map<OverrideKey, OperatorOverride> copy = new HashMap<>();
        overrides.forEach((key, o) -> {
            if (keep.test(key, o)) {
                copy.put(key, o);
            } else {
                dropped.accept(key, o);
            }
        });
        return copy.size() == overrides.size() ? this : new OperatorState(copy, version);
    }
}
