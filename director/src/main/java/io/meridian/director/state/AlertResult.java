package io.meridian.director.state;

import java.util.List;

/**
 * What one Alertmanager notification did.
 *
 * @param matched   alerts with a {@code meridian_*} label naming a known region or endpoint
 * @param degrading the endpoints now degraded by a firing alert ({@code profile/endpoint})
 * @param ignored   alerts with no {@code meridian_*} label
 * @param unmatched alerts whose {@code meridian_*} labels name nothing the config has
 * @param unknown   {@code meridian_*} label values that name no region or endpoint
 */
public record AlertResult(int matched, List<String> degrading, int ignored, int unmatched, List<String> unknown) {
    public AlertResult {
        degrading = List.copyOf(degrading);
        unknown = List.copyOf(unknown);
    }
}
