package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import java.util.Map;
import java.util.Optional;

/**
 * What operators set through the API: endpoint enabled/disabled, which replaces the
 * config's {@code enabled} while present. Immutable; every change yields a new value.
 */
public record OperatorOverrides(Map<EndpointId, Boolean> enabled) {

    public static final OperatorOverrides NONE = new OperatorOverrides(Map.of());

    public OperatorOverrides {
        enabled = Map.copyOf(enabled);
    }

    public Optional<Boolean> enabled(EndpointId id) {
        return Optional.ofNullable(enabled.get(id));
    }

    /** Sets an override; one equal to the config's value is dropped so later config edits apply. */
    public OperatorOverrides with(EndpointId id, boolean value, boolean configValue) {
        var copy = new java.util.HashMap<>(enabled);
        if (value == configValue) {
            copy.remove(id);
        } else {
            copy.put(id, value);
        }
        return new OperatorOverrides(copy);
    }

    /** Keeps only overrides whose endpoint still exists; {@code dropped} receives the others. */
    public OperatorOverrides retainExisting(java.util.function.Predicate<EndpointId> exists,
                                            java.util.function.Consumer<EndpointId> dropped) {
        var copy = new java.util.HashMap<EndpointId, Boolean>();
        enabled.forEach((id, value) -> {
            if (exists.test(id)) {
                copy.put(id, value);
            } else {
                dropped.accept(id);
            }
        });
        return new OperatorOverrides(copy);
    }
}
