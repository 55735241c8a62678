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
 * @param ioEventLoops        event loops HTTP probe connections are spread over; 0 = the monitor's
 *                            own loop only (results are always handled on the monitor's loop)
 * @param localAddress        the source address of probe connections (an IP literal); null = the
 *                            system's choice. Directors of a cluster probe from their own address.
 */
public record MonitorOptions(int maxConcurrentProbes, boolean keepAlive, TrustOptions trust, Duration snapshotDelay,
                             int ioEventLoops, String localAddress) {
    public MonitorOptions {
        if (maxConcurrentProbes < 1 || maxConcurrentProbes > 100_000) {
            throw new IllegalArgumentException("maxConcurrentProbes: " + maxConcurrentProbes
                    + " (expected: 1..100000)");
        }
        Objects.requireNonNull(snapshotDelay, "snapshotDelay");
        if (ioEventLoops < 0 || ioEventLoops > 256) {
            throw new IllegalArgumentException("ioEventLoops: " + ioEventLoops + " (expected: 0..256)");
        }
        if (snapshotDelay.isNegative()) {
            throw new IllegalArgumentException("snapshotDelay: " + snapshotDelay + " (expected: >= 0)");
        }
    }

    /**
     * 2048 probes in flight, a fresh connection per probe, JDK trust, snapshot at most 100 ms behind,
     * probe I/O on the monitor's loop.
     */
    public static MonitorOptions defaults() {
        return new MonitorOptions(2048, false, null, Duration.ofMillis(100), 0, null);
    }

    public MonitorOptions withTrust(TrustOptions trust) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay, ioEventLoops, localAddress);
    }

    public MonitorOptions withKeepAlive(boolean keepAlive) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay, ioEventLoops, localAddress);
    }

    public MonitorOptions withSnapshotDelay(Duration snapshotDelay) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay, ioEventLoops, localAddress);
    }

    public MonitorOptions withMaxConcurrentProbes(int maxConcurrentProbes) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay, ioEventLoops, localAddress);
    }

    public MonitorOptions withLocalAddress(String localAddress) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay, ioEventLoops, localAddress);
    }

    public MonitorOptions withIoEventLoops(int ioEventLoops) {
        return new MonitorOptions(maxConcurrentProbes, keepAlive, trust, snapshotDelay, ioEventLoops, localAddress);
    }
}
