package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Every operator override, removals included, and the state's version: the largest stamp it
 * has ever held (it never goes back, also when an entry is dropped because its endpoint left
 * the config). Immutable; every change yields a new value.
 */
public record OperatorState(Map<OverrideKey, OperatorOverride> overrides, Stamp version) {

    public static final OperatorState NONE = new OperatorState(Map.of(), Stamp.ZERO);

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
        Map<OverrideKey, OperatorOverride> copy = new HashMap<>();
        overrides.forEach((key, o) -> {
            if (exists.test(key)) {
                copy.put(key, o);
            } else {
                dropped.accept(key, o);
            }
        });
        return copy.size() == overrides.size() ? this : new OperatorState(copy, version);
    }
}
