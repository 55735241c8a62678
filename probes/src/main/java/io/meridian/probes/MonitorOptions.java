package io.meridian.probes;

import io.vertx.core.net.TrustOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Process-wide knobs of a {@link HealthMonitor}.
 *
 * @param maxConcurrentProbes probes in flight at once; a probe over the cap is deferred, not failed
 * @param keepAlive           reuse connections between probes of an endpoint (see docs/probing.md)
 * @param trust               trust anchors for {@code tlsVerify: true}; {@code null} = the JDK's default
 * @param snapshotDelay       how long a snapshot may lag behind counters and latency (status
 *                            changes are published at once); zero publishes after every probe
 */
public record MonitorOptions(int maxConcurrentProbes, boolean keepAlive, TrustOptions trust, Duration snapshotDelay) {
    public MonitorOptions {
        if (maxConcurrentProbes < 1 || maxConcurrentProbes > 100_000) {
            throw new IllegalArgumentException("maxConcurrentProbes: " + maxConcurrentProbes
                    + " (expected: 1..100000)");
        }
        Objects.requireNonNull(snapshotDelay, "snapshotDelay");
        if (snapshotDelay.isNegative()) {
            throw new IllegalArgumentException("snapshotDelay: " + snapshotDelay + " (expected: >= 0)");
        }
    }

    /** 2048 probes in flight, a fresh connection per probe, JDK trust, snapshot at most 100 ms behind. */
    public static MonitorOptions defaults() {
        return new MonitorOptions(2048, false, null, Duration.ofMillis(100));
    }

    public MonitorOptions withTrust(TrustOptions trust) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay);
    }

    public MonitorOptions withKeepAlive(boolean keepAlive) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay);
    }

    public MonitorOptions withSnapshotDelay(Duration snapshotDelay) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay);
    }

    public MonitorOptions withMaxConcurrentProbes(int maxConcurrentProbes) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay);
    }
}
