package io.meridian.director.state;

import io.meridian.probes.ProbeLoad;
import io.meridian.routing.EndpointId;
import io.vertx.core.Future;
import java.util.List;

/**
 * What the HTTP side may do with the director: read the current snapshot (once per request)
 * and the event log, and issue commands. Wired at the composition root; nothing else of the
 * core leaks out.
 */
public interface DirectorPort {

    /** The snapshot every answer is made from; read it once per request. */
    Snapshot snapshot();

    /**
     * Sets an endpoint's operator override, saved before it is applied; completes with the first
     * snapshot that holds it. Fails with {@link IllegalArgumentException} for an unknown endpoint
     * and {@link SafetyRefusal} for a change that would leave a profile with nothing enabled.
     */
    Future<Snapshot> setEnabled(EndpointId id, OverrideRequest request);

    /** As {@link #setEnabled}, for every endpoint of a region in every profile. */
    Future<Snapshot> setRegionEnabled(String region, OverrideRequest request);

    /** Applies the alerts of an Alertmanager notification; {@code source} is where it came from. */
    Future<AlertResult> alerts(List<AlertNotice> alerts, String source);

    /** The most recent events, newest first. */
    List<DirectorEvent> events(int limit);

    /** How hard the probes work: overload, stretch, demand and capacity (renewed every second). */
    ProbeLoad probeLoad();

    /** Re-reads the config file; an invalid one keeps the running config and says why. */
    Future<ReloadResult> reload();
}
