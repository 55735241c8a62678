package io.meridian.director.state;

import io.meridian.probes.ProbeOutcome;
import io.meridian.probes.ProbeTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few results of each probe, for the status page's latency sparklines. Kept beside
 * the snapshot rather than in it: a probe result that changes no health must not rebuild the
 * routing state. Written from the monitor's probe listener, read by the HTTP side from any
 * thread; each probe's samples are an immutable list swapped atomically.
 */
public final class ProbeHistory {
    /** Samples kept per probe: a minute at the demo's two-second interval. */
    public static final int CAPACITY = 30;

    /** One probe result: when it started, how long it took, whether it passed. */
    public record Sample(Instant time, double latencyMs, boolean success) {
        public Sample {
            Objects.requireNonNull(time, "time");
        }

        static Sample of(ProbeOutcome outcome) {
            return new Sample(outcome.time(), Math.round(outcome.latency().toNanos() / 10_000.0) / 100.0,
                    outcome.success());
        }
    }

    private final Map<ProbeTarget, List<Sample>> byProbe = new ConcurrentHashMap<>();
    private final int capacity;

    public ProbeHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
    }

    public void record(ProbeTarget target, ProbeOutcome outcome) {
        byProbe.merge(target, List.of(Sample.of(outcome)), (recent, next) -> append(recent, next.get(0), capacity));
    }

    /** The probe's recent samples, oldest first; empty for a probe with none. */
    public List<Sample> of(ProbeTarget target) {
        return byProbe.getOrDefault(target, List.of());
    }

    /** Forgets the probes no longer probed. */
    public void retain(Set<ProbeTarget> probed) {
        byProbe.keySet().retainAll(probed);
    }

    /** {@code recent} with {@code next} at the end, the oldest dropped beyond {@code capacity}. */
    static List<Sample> append(List<Sample> recent, Sample next, int capacity) {
        int from = Math.max(0, recent.size() + 1 - capacity);
        List<Sample> out = new ArrayList<>(recent.subList(from, recent.size()));
        out.add(next);
        return List.copyOf(out);
    }
}
