package io.meridian.routing;

import io.meridian.routing.latency.Figures;
import io.meridian.routing.latency.LatencyTable;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Function;

/**
 * Measured latency for the performance method and the {@code nearest} fallback: figures from
 * a {@link LatencyTable} for the client's network, else its subdivision, else its country,
 * each only when it has a usable figure for every candidate region. Read per decision, without
 * locks; bound to one config's regions when a routing table is compiled.
 */
public interface MeasuredLatency {

    /** The table's id for the endpoint's region; -1 when it names no region. Called when compiling. */
    int regionOf(EndpointId endpoint);

    /**
     * The figures to decide by: the most specific source with a usable figure for every region
     * in {@code regionIds} (entries of -1 are endpoints without a region and are ignored); null
     * when none has them and the model decides.
     */
    Measurement find(ClientContext client, GeoLocation location, int[] regionIds, int count);

    /**
     * Whether any client network has figures. Then a decision from coarser data is scoped no
     * wider than a network (24/48): a resolver must not cache it for a network that has its own.
     */
    boolean hasNetworks();

    /** No measurements: the model decides everything. */
    static MeasuredLatency none() {
        return NoMeasurements.INSTANCE;
    }

    /**
     * Figures from {@code table}, read at {@code clock}'s time.
     *
     * @param regionOf the region each endpoint names (null for none), from the config being compiled
     */
    static MeasuredLatency of(LatencyTable table, InstantSource clock, Function<EndpointId, String> regionOf) {
        return new TableLatency(table, clock, regionOf);
    }

    /**
     * Figures chosen for one decision.
     *
     * @param source      network, subdivision or country
     * @param key         what they are for: {@code 198.51.100.0/24}, {@code US-WA}, {@code US}
     * @param scopePrefix the ECS scope they justify
     */
    record Measurement(LatencySource source, String key, int scopePrefix, Figures figures) {
        public Measurement {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(figures, "figures");
        }
    }

    /** The model alone. */
    final class NoMeasurements implements MeasuredLatency {
        static final NoMeasurements INSTANCE = new NoMeasurements();

        private NoMeasurements() {
        }

        @Override
        public int regionOf(EndpointId endpoint) {
            return -1;
        }

        @Override
        public Measurement find(ClientContext client, GeoLocation location, int[] regionIds, int count) {
            return null;
        }

        @Override
        public boolean hasNetworks() {
            return false;
        }
    }
}
