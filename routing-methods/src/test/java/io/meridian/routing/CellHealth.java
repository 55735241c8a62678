package io.meridian.routing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A test's input to the compiler in one value: probed health, plus the endpoints a table cell
 * marks {@code disabled} (the operator layer over the config's {@code enabled}).
 */
record CellHealth(Map<EndpointId, HealthStatus> probed, Set<EndpointId> disabled) implements HealthView, AdminView {

    CellHealth {
        probed = Map.copyOf(probed);
        disabled = Set.copyOf(disabled);
    }

    /** From statuses where DISABLED means "disabled by an operator". */
    static CellHealth of(Map<EndpointId, HealthStatus> statuses) {
        Map<EndpointId, HealthStatus> probed = new HashMap<>();
        Set<EndpointId> disabled = new HashSet<>();
        statuses.forEach((id, status) -> {
            if (status == HealthStatus.DISABLED) {
                disabled.add(id);
            } else {
                probed.put(id, status);
            }
        });
        return new CellHealth(probed, disabled);
    }

    @Override
    public HealthStatus statusOf(EndpointId id) {
        return probed.getOrDefault(id, HealthStatus.CHECKING);
    }

    @Override
    public boolean enabled(EndpointId id, boolean configured) {
        return configured && !disabled.contains(id);
    }
}
