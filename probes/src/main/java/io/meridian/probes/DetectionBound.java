package io.meridian.probes;

import java.time.Duration;

/**
 * Worst-case time from the start of the first failing probe of an online endpoint until it is
 * degraded: {@code timeout + toleratedFailures * (retryInterval + timeout)}.
 *
 * <p>Why: the first failing probe ends at the latest after {@code timeout}; the scheduler starts each
 * re-probe {@code retryInterval} after the previous failure was decided (no jitter on retries), and
 * each of the {@code toleratedFailures} re-probes again ends at the latest after {@code timeout}. The
 * bound assumes the probe bulkhead has room (a probe that cannot get a permit is deferred) and adds
 * nothing for event-loop lag.
 */
public final class DetectionBound {
    private DetectionBound() {
    }

    public static Duration worstCase(MonitorSettings settings) {
        return settings.timeout().plus(
                settings.retryInterval().plus(settings.timeout()).multipliedBy(settings.toleratedFailures()));
    }
}
