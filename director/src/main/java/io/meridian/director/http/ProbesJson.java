package io.meridian.director.http;

import io.meridian.director.state.Snapshot;
import io.meridian.probes.ProbeLoad;
import io.vertx.core.json.JsonObject;

/** {@code GET /api/v1/probes}: how hard probing works and the headroom left (docs/api.md, docs/probing.md). */
final class ProbesJson {
    private ProbesJson() {
    }

    static JsonObject probes(ProbeLoad load, Snapshot snapshot) {
        return new JsonObject()
                .put("probes", snapshot.users().size())
                .put("endpoints", snapshot.probes().size())
                .put("demandPerSecond", round(load.demandPerSecond()))
                .put("capacityPerSecond", round(load.capacityPerSecond()))
                .put("capacityMeasured", load.measured())
                .put("usage", Math.round(load.usage() * 1000) / 1000.0)
                .put("achievedPerSecond", round(load.achievedPerSecond()))
                .put("overloaded", load.overloaded())
                .put("overloadSince", load.since() == null ? null : load.since().toString())
                .put("stretch", Math.round(load.stretch() * 1000) / 1000.0)
                .put("maxStretch", ProbeLoad.MAX_STRETCH)
                .put("loopDelayMs", load.loopDelay().toMillis())
                .put("lagLimitMs", ProbeLoad.LAG_LIMIT.toMillis())
                .put("excusedTimeouts", load.excusedTimeouts());
    }

    private static long round(double perSecond) {
        return Math.round(perSecond);
    }
}
