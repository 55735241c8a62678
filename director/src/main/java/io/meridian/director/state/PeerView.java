package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What another director last published: its own probes' verdict on every endpoint. Fresh for
 * three probe intervals from {@code receivedAt} (this director's clock: no clock skew matters).
 *
 * @param address       its cluster address, as it says
 * @param configVersion the config it serves
 */
public record PeerView(String node, String address, Stamp configVersion, Instant receivedAt,
                       Map<EndpointId, EndpointVote> endpoints) {
    public PeerView {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(configVersion, "configVersion");
        Objects.requireNonNull(receivedAt, "receivedAt");
        endpoints = Map.copyOf(endpoints);
    }
}
