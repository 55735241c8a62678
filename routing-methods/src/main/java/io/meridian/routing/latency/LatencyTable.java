package io.meridian.routing.latency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measured round-trip times per client network (IPv4 /24, IPv6 /48) and per region, and the
 * same per area (ISO country, country subdivision) for networks without data of their own.
 *
 * <p>One writer, many readers (ADR 0011): {@link #record} and the restore methods are called
 * from one thread at a time (the director's latency context); {@link #network} and
 * {@link #area} from any thread, without locks: each entry is an immutable packed array
 * ({@link Slots}) replaced whole in a {@link ConcurrentHashMap}, so a reader sees one
 * consistent entry per lookup. The writer alone keeps the update order to evict the least
 * recently updated network past {@link LatencyPolicy#maxNetworks()}.
 */
public final class LatencyTable {
    /** Bounds of an accepted sample (SPEC section 9): 0 < rttMs < 60000. */
    public static final double MAX_RTT_MS = 60_000;
    private static final int MAX_AREAS = 100_000;

    /** What became of a recorded sample. */
    public enum Outcome {
        ACCEPTED,
        /** accepted, but clipped to within {@link LatencyPolicy#clipFactor()} of the estimate */
        CLIPPED
    }

    private final LatencyPolicy policy;
    private final ConcurrentHashMap<Long, long[]> networks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> areas = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> regionIds = new ConcurrentHashMap<>();
    private final List<String> regionNames = new ArrayList<>();
    private volatile String[] names = new String[0];
    /** Writer only: networks by last update, least recent first (access order moves a key to the end on put). */
    private final LinkedHashMap<Long, Boolean> order = new LinkedHashMap<>(1024, 0.75f, true);
    private final AtomicLong evicted = new AtomicLong();

    public LatencyTable(LatencyPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public LatencyPolicy policy() {
        return policy;
    }

    /**
     * Folds one sample into the client network's estimate for {@code region} and into its areas'.
     * Writer thread only.
     *
     * @param network     {@link NetworkKey#of} the client
     * @param areaCodes   the client's subdivision and country codes (null or empty ones skipped)
     * @param at          when it was measured
     * @throws IllegalArgumentException for an RTT outside 0 < rttMs < 60000 or NaN, or a bad key
     */
    public Outcome record(long network, List<String> areaCodes, String region, double rttMs, Instant at) {
        if (!(rttMs > 0 && rttMs < MAX_RTT_MS)) {
            throw new IllegalArgumentException("rttMs: " + rttMs + " (expected: 0 < rttMs < " + (int) MAX_RTT_MS + ")");
        }
        if (!NetworkKey.valid(network)) {
            throw new IllegalArgumentException("network: " + Long.toHexString(network) + " (expected: a NetworkKey)");
        }
        int id = regionId(region);
        long now = at.getEpochSecond();
        Slots.Update update = Slots.with(networks.get(network), id, rttMs, now, policy);
        networks.put(network, update.slots());
        touch(network);
        for (String code : areaCodes) {
            if (code != null && !code.isEmpty() && (areas.containsKey(code) || areas.size() < MAX_AREAS)) {
                areas.put(code, Slots.with(areas.get(code), id, rttMs, now, policy).slots());
            }
        }
        return update.clipped() ? Outcome.CLIPPED : Outcome.ACCEPTED;
    }

    /** The client network's figures at {@code now}; null when it has none. Any thread. */
    public Figures network(long network, Instant now) {
        long[] s = networks.get(network);
        return s == null ? null : new Figures(this, s, now.getEpochSecond());
    }

    /** An area's figures (ISO country {@code GB}, subdivision {@code GB-ENG}); null when none. Any thread. */
    public Figures area(String code, Instant now) {
        long[] s = code == null ? null : areas.get(code);
        return s == null ? null : new Figures(this, s, now.getEpochSecond());
    }

    /** Client networks held (at most maxNetworks). */
    public int networkCount() {
        return networks.size();
    }

    public int areaCount() {
        return areas.size();
    }

    /** Networks evicted under the cap since start. */
    public long evictions() {
        return evicted.get();
    }

    /**
     * The stable small id of a region (for binding routing tables to figures); assigned on
     * first use. Any thread.
     */
    public int regionId(String region) {
        Objects.requireNonNull(region, "region");
        Integer id = regionIds.get(region);
        return id != null ? id : assign(region);
    }

    /** Regions named so far; ids are 0 .. regionCount - 1. */
    public int regionCount() {
        return names.length;
    }

    /** The region an id names. */
    public String regionName(int id) {
        String[] n = names;
        return id >= 0 && id < n.length ? n[id] : "?" + id;
    }

    private synchronized int assign(String region) {
        Integer id = regionIds.get(region);
        if (id != null) {
            return id;
        }
        if (regionNames.size() >= Slots.MAX_REGIONS) {
            throw new IllegalArgumentException("region: " + region + " (expected: at most " + Slots.MAX_REGIONS + " regions)");
        }
        regionNames.add(region);
        names = regionNames.toArray(new String[0]);
        regionIds.put(region, regionNames.size() - 1);
        return regionNames.size() - 1;
    }

    private void touch(long network) {
        order.put(network, Boolean.TRUE);
        while (order.size() > policy.maxNetworks()) {
            Map.Entry<Long, Boolean> eldest = order.entrySet().iterator().next();
            order.remove(eldest.getKey());
            networks.remove(eldest.getKey());
            evicted.incrementAndGet();
        }
    }

    // package-private: for the snapshot file

    Map<Long, long[]> networks() {
        return networks;
    }

    Map<String, long[]> areas() {
        return areas;
    }

    /** Restores a network read back from disk; the caller restores in order of last update. Writer only. */
    void restoreNetwork(long network, long[] slots) {
        networks.put(network, slots);
        touch(network);
    }

    void restoreArea(String code, long[] slots) {
        if (areas.containsKey(code) || areas.size() < MAX_AREAS) {
            areas.put(code, slots);
        }
    }
}
