package io.meridian.probes;

import io.vertx.core.Future;

/** Runs one probe; the future always succeeds with an outcome (failures are outcomes). */
@FunctionalInterface
interface Probe {
    /** Called on the monitor's context; completes on it. */
    Future<ProbeOutcome> run(ProbeTarget target);
}
