package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import java.util.Objects;

/** What an operator override is about. */
public sealed interface OverrideKey permits OverrideKey.Endpoint, OverrideKey.Region, OverrideKey.Alert {

    /** One endpoint of one profile. */
    record Endpoint(EndpointId id) implements OverrideKey {
        public Endpoint {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String toString() {
            return "endpoint " + id;
        }
    }

    /** Every endpoint of one region, in every profile (Azure's disableGateway). */
    record Region(String name) implements OverrideKey {
        public Region {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "region " + name;
        }
    }

    /**
     * A firing Alertmanager alert that degrades an endpoint or a region (SPEC section 7). Not an
     * administrative state: it acts on health, after the quorum, and the safety rule ignores it.
     *
     * @param fingerprint the alert's Alertmanager fingerprint
     * @param scope       what it degrades: an {@link Endpoint} or a {@link Region}
     */
    record Alert(String fingerprint, OverrideKey scope) implements OverrideKey {
        public Alert {
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (!(scope instanceof Endpoint || scope instanceof Region)) {
                throw new IllegalArgumentException("scope: " + scope + " (expected: an endpoint or a region)");
            }
        }

        @Override
        public String toString() {
            return "alert " + fingerprint + " on " + scope;
        }
    }
}
