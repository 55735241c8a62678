package io.meridian.director.core;

import io.meridian.routing.AdminView;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.ProfileDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety rule of SPEC section 7 (Route 53 ARC's "at least one" rule): an operator change may
 * not leave a profile that had an enabled endpoint with none. A nested endpoint counts as enabled
 * while it is enabled itself and its child profile has at least {@code minChildEndpoints}
 * enabled endpoints. Only the administrative state counts, not health. Pure.
 */
final class SafetyRule {
    private SafetyRule() {
    }

    /** The profiles with an enabled endpoint under {@code before} and none under {@code after}, in config order. */
    static List<String> stranded(List<ProfileDefinition> profiles, AdminView before, AdminView after) {
        Map<String, ProfileDefinition> byName = new HashMap<>();
        profiles.forEach(p -> byName.put(p.name(), p));
        Map<String, Integer> was = new HashMap<>();
        Map<String, Integer> now = new HashMap<>();
        List<String> stranded = new ArrayList<>();
        for (ProfileDefinition p : profiles) {
            if (enabled(p.name(), byName, before, was, new HashSet<>()) > 0
                    && enabled(p.name(), byName, after, now, new HashSet<>()) == 0) {
                stranded.add(p.name());
            }
        }
        return stranded;
    }

    /** How many endpoints of the profile count as enabled. */
    private static int enabled(String name, Map<String, ProfileDefinition> byName, AdminView admin,
                               Map<String, Integer> memo, Set<String> visiting) {
        Integer known = memo.get(name);
        ProfileDefinition p = byName.get(name);
        if (known != null || p == null || !visiting.add(name)) {
            return known == null ? 0 : known; // cycles are rejected by the config module; stay finite anyway
        }
        int count = 0;
        for (Endpoint e : p.endpoints()) {
            if (!admin.enabled(new EndpointId(name, e.name()), e.enabled())) {
                continue;
            }
            if (!e.isNested() || enabled(e.childProfile(), byName, admin, memo, visiting) >= e.minChildEndpoints()) {
                count++;
            }
        }
        memo.put(name, count);
        return count;
    }
}
