package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import io.vertx.core.Future;

/**
 * What the HTTP side may do with the director: read the current snapshot (once per request)
 * and issue the two commands. Wired at the composition root; nothing else of the core leaks out.
 */
public interface DirectorPort {

    /** The snapshot every answer is made from; read it once per request. */
    Snapshot snapshot();

    /**
     * Sets an operator override, saved before it is applied; completes with the first snapshot
     * that holds it. Fails with {@link IllegalArgumentException} for an unknown endpoint.
     */
    Future<Snapshot> setEnabled(EndpointId id, OverrideRequest request);

    /** Re-reads the config file; an invalid one keeps the running config and says why. */
    Future<ReloadResult> reload();
}
