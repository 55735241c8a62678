package io.meridian.director.core;

import io.meridian.director.state.AlertNotice;
import io.meridian.director.state.AlertResult;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OperatorState;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.Stamp;
import io.meridian.routing.EndpointId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What an Alertmanager notification changes (SPEC section 7): each alert labelled
 * {@code meridian_region} or {@code meridian_endpoint} with a known name becomes an entry of the
 * operator state keyed by its fingerprint and what it degrades, in force while it fires (until
 * its non-zero {@code endsAt}), removed once resolved. Pure.
 *
 * @param changes the entries to record; an alert already recorded as it is now is not repeated
 * @param matched   alerts naming a known region or endpoint
 * @param ignored   alerts with no {@code meridian_*} label
 * @param unmatched alerts whose {@code meridian_*} labels name nothing the config has
 * @param unknown   label values naming no region or endpoint, as {@code label=value}
 */
record AlertChanges(Map<OverrideKey, OperatorOverride> changes, int matched, int ignored, int unmatched,
                    List<String> unknown) {

    static AlertChanges of(List<AlertNotice> alerts, ControllerInputs in, Instant now, String source,
                           Supplier<Stamp> stamps) {
        Map<OverrideKey, OperatorOverride> changes = new LinkedHashMap<>();
        int matched = 0;
        int ignored = 0;
        int unmatched = 0;
        List<String> unknown = new ArrayList<>();
        for (AlertNotice alert : alerts) {
            String region = alert.labels().get(AlertNotice.REGION_LABEL);
            String endpoint = alert.labels().get(AlertNotice.ENDPOINT_LABEL);
            if (region == null && endpoint == null) {
                ignored++;
                continue;
            }
            List<OverrideKey> scopes = new ArrayList<>();
            if (region != null) {
                if (in.deployment().regions().contains(region)) {
                    scopes.add(new OverrideKey.Region(region));
                } else {
                    unknown.add(AlertNotice.REGION_LABEL + "=" + region);
                }
            }
            if (endpoint != null) {
                EndpointId id = endpointId(endpoint, in.deployment());
                if (id != null) {
                    scopes.add(new OverrideKey.Endpoint(id));
                } else {
                    unknown.add(AlertNotice.ENDPOINT_LABEL + "=" + endpoint);
                }
            }
            if (scopes.isEmpty()) {
                unmatched++;
            } else {
                matched++;
            }
            for (OverrideKey scope : scopes) {
                OverrideKey.Alert key = new OverrideKey.Alert(alert.fingerprint(), scope);
                OperatorOverride was = in.operator().overrides().get(key);
                if (alert.activeAt(now)) {
                    if (was == null || was.removed() || !Objects.equals(was.until(), alert.endsAt())) {
                        changes.put(key, new OperatorOverride(false, now, in.node(), source, alert.name(), alert.endsAt(),
                                stamps.get()));
                    }
                } else if (was != null && !was.removed()) {
                    changes.put(key, new OperatorOverride(null, now, in.node(), source, alert.name(), null, stamps.get()));
                }
            }
        }
        return new AlertChanges(changes, matched, ignored, unmatched, unknown);
    }

    /** The result to report, with {@code state} the operator state once the changes are in. */
    AlertResult result(OperatorState state, Deployment deployment) {
        TreeSet<String> degrading = new TreeSet<>();
        state.alerts().keySet().forEach(a -> {
            if (a.scope() instanceof OverrideKey.Region r) {
                deployment.regions().endpointsOf(r.name()).forEach(id -> degrading.add(id.toString()));
            } else {
                degrading.add(((OverrideKey.Endpoint) a.scope()).id().toString());
            }
        });
        return new AlertResult(matched, List.copyOf(degrading), ignored, unmatched, unknown);
    }

    /** {@code profile/endpoint} if the config has it; else null. */
    private static EndpointId endpointId(String text, Deployment deployment) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String profile = text.substring(0, slash);
        String name = text.substring(slash + 1);
        return deployment.endpoints().getOrDefault(profile, List.of()).contains(name) ? new EndpointId(profile, name) : null;
    }
}
