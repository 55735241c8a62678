package io.meridian.probes;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable {@code Map<ProbeTarget, ProbeHealth>} published by the {@link ProbeScheduler}: a key index
 * shared by every snapshot of the same target set, plus this snapshot's own copy of the values. Publishing
 * one is an array copy, not a rehash of every target: at 10,000 endpoints and a snapshot every 100 ms,
 * rebuilding a hash map each time was about a third of the monitor's event loop (docs/BENCHMARKS.md,
 * issue 13 profile). Iteration follows the index's order.
 */
final class HealthSnapshot extends AbstractMap<ProbeTarget, ProbeHealth> {
    /** The keys of one target set and where each one's value is; immutable, shared by snapshots. */
    static final class Index {
        static final Index EMPTY = new Index(new ProbeTarget[0]);

        private final ProbeTarget[] keys;
        private final Map<ProbeTarget, Integer> positions;

        /** @param keys distinct targets; not copied: the caller hands it over */
        Index(ProbeTarget[] keys) {
            this.keys = keys;
            @SuppressWarnings("unchecked")
            Map.Entry<ProbeTarget, Integer>[] entries = new Map.Entry[keys.length];
            for (int i = 0; i < keys.length; i++) {
                entries[i] = Map.entry(keys[i], i);
            }
            this.positions = Map.ofEntries(entries);
        }

        int size() {
            return keys.length;
        }

        ProbeTarget key(int position) {
            return keys[position];
        }
    }

    private final Index index;
    private final ProbeHealth[] values;
    private Set<Map.Entry<ProbeTarget, ProbeHealth>> entries;

    /** @param values one per key of {@code index}, none null; not copied: the caller hands it over */
    HealthSnapshot(Index index, ProbeHealth[] values) {
        if (values.length != index.size()) {
            throw new IllegalArgumentException(values.length + " values for " + index.size() + " keys");
        }
        this.index = index;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && index.positions.containsKey(key);
    }

    @Override
    public ProbeHealth get(Object key) {
        Integer position = key == null ? null : index.positions.get(key);
        return position == null ? null : values[position];
    }

    @Override
    public Set<Map.Entry<ProbeTarget, ProbeHealth>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<ProbeTarget, ProbeHealth>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Map.Entry<ProbeTarget, ProbeHealth> next() {
                            if (next >= values.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return Map.entry(index.key(i), values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
        }
        return entries;
    }
}
