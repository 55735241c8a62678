package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import java.util.Objects;

/** What an operator override is about. */
public sealed interface OverrideKey permits OverrideKey.Endpoint {

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
}
