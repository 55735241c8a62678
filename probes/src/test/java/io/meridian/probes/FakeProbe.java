package io.meridian.probes;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe whose answer per target host name the test sets: success or a failure kind, taking a given time on
 * the {@link ManualTimers}. Records every probe start.
 */
final class FakeProbe implements Probe {
    record Behaviour(FailureKind failure, Duration takes) {
        static Behaviour up(Duration takes) {
            return new Behaviour(null, takes);
        }

        static Behaviour down(FailureKind failure, Duration takes) {
            return new Behaviour(failure, takes);
        }
    }

    private final MutableInstantSource clock;
    private final ManualTimers timers;
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    final List<Instant> starts = new ArrayList<>();
    final Map<String, List<Instant>> startsByHost = new HashMap<>();
    int inFlight;
    int maxInFlight;

    FakeProbe(MutableInstantSource clock, ManualTimers timers) {
        this.clock = clock;
        this.timers = timers;
    }

    void set(String hostName, Behaviour behaviour) {
        behaviours.put(hostName, behaviour);
    }

    @Override
    public Future<ProbeOutcome> run(ProbeTarget target) {
        Behaviour b = behaviours.getOrDefault(target.hostName(), Behaviour.up(Duration.ofMillis(5)));
        Instant start = clock.instant();
        starts.add(start);
        startsByHost.computeIfAbsent(target.hostName(), k -> new ArrayList<>()).add(start);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        Promise<ProbeOutcome> promise = Promise.promise();
        timers.schedule(b.takes(), () -> {
            inFlight--;
            promise.complete(b.failure() == null ? ProbeOutcome.succeeded(start, b.takes(), 200)
                    : ProbeOutcome.failed(start, b.takes(), b.failure(), 0, "scripted " + b.failure()));
        });
        return promise.future();
    }
}
