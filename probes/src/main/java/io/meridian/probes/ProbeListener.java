package io.meridian.probes;

import java.time.Duration;

/**
 * Told about every completed probe, on the monitor's event loop: keep it short and never block
 * (recording a timer metric is fine).
 */
@FunctionalInterface
public interface ProbeListener {
    /**
     * @param scheduleLag how late the probe started compared to when it was due
     */
    void probed(ProbeTarget target, ProbeOutcome outcome, Duration scheduleLag);
}
