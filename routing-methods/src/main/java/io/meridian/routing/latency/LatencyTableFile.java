package io.meridian.routing.latency;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The table's snapshot file: a versioned binary dump (a million networks is tens of MB; JSON
 * would be several times that). Region ids are written as names, so a restart that numbers
 * regions differently reads the same figures.
 * <pre>
 * "MRLT" int 1 | int R, R x UTF region | { long network (non-zero), short n, n x (long, long) } long 0
 *              | { UTF area, short n, n x (long, long) } UTF ""
 * </pre>
 */
public final class LatencyTableFile {
    private static final int MAGIC = 0x4D524C54;
    private static final int VERSION = 1;

    /** What a restore brought back. */
    public record Restored(int networks, int areas, int stale) {
    }

    private LatencyTableFile() {
    }

    /** Writes every entry; safe beside the writer (entries are immutable, the maps concurrent). */
    public static void write(LatencyTable table, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        List<String> names = new ArrayList<>();
        for (int id = 0, n = table.regionCount(); id < n; id++) {
            names.add(table.regionName(id));
        }
        data.writeInt(names.size());
        for (String name : names) {
            data.writeUTF(name);
        }
        for (Map.Entry<Long, long[]> e : table.networks().entrySet()) {
            data.writeLong(e.getKey());
            writeSlots(data, e.getValue(), names.size());
        }
        data.writeLong(0);
        for (Map.Entry<String, long[]> e : table.areas().entrySet()) {
            data.writeUTF(e.getKey());
            writeSlots(data, e.getValue(), names.size());
        }
        data.writeUTF("");
        data.flush();
    }

    /**
     * Reads a snapshot into {@code table} (writer thread), least recently updated first so the
     * eviction order survives; entries whose every figure is older than freshFor are dropped.
     *
     * @throws IOException for a truncated or foreign file (the table then holds what was read before)
     */
    public static Restored read(InputStream in, LatencyTable table, Instant now) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC || data.readInt() != VERSION) {
            throw new IOException("not a Meridian latency snapshot (version " + VERSION + ")");
        }
        int regions = data.readInt();
        if (regions < 0 || regions > Slots.MAX_REGIONS) {
            throw new IOException("region count " + regions + " (expected: 0.." + Slots.MAX_REGIONS + ")");
        }
        int[] ids = new int[regions];
        for (int i = 0; i < regions; i++) {
            ids[i] = table.regionId(data.readUTF());
        }
        long horizon = now.getEpochSecond() - table.policy().freshFor().toSeconds();
        List<long[]> read = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        int stale = 0;
        for (long key = data.readLong(); key != 0; key = data.readLong()) {
            if (!NetworkKey.valid(key)) {
                throw new IOException("bad network key " + Long.toHexString(key));
            }
            long[] slots = readSlots(data, ids);
            if (Slots.newest(slots) < horizon) {
                stale++;
                continue;
            }
            keys.add(key);
            read.add(slots);
        }
        Integer[] byAge = new Integer[read.size()];
        Arrays.setAll(byAge, i -> i);
        Arrays.sort(byAge, Comparator.comparingLong(i -> Slots.newest(read.get(i))));
        for (int i : byAge) {
            table.restoreNetwork(keys.get(i), read.get(i));
        }
        int areas = 0;
        for (String code = data.readUTF(); !code.isEmpty(); code = data.readUTF()) {
            table.restoreArea(code, readSlots(data, ids));
            areas++;
        }
        return new Restored(Math.min(read.size(), table.networkCount()), areas, stale);
    }

    /** Regions named after the names were written (a sample in between) are left out. */
    private static void writeSlots(DataOutputStream data, long[] slots, int regions) throws IOException {
        int n = 0;
        for (int i = 0; i < Slots.size(slots); i++) {
            n += Slots.region(slots, i) < regions ? 1 : 0;
        }
        data.writeShort(n);
        for (int i = 0; i < Slots.size(slots); i++) {
            if (Slots.region(slots, i) < regions) {
                data.writeLong(slots[2 * i]);
                data.writeLong(slots[2 * i + 1]);
            }
        }
    }

    private static long[] readSlots(DataInputStream data, int[] ids) throws IOException {
        int n = data.readUnsignedShort();
        long[] slots = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long head = data.readLong();
            long body = data.readLong();
            int fileRegion = (int) (head >>> 48);
            if (fileRegion >= ids.length) {
                throw new IOException("region index " + fileRegion + " (expected: < " + ids.length + ")");
            }
            slots[2 * i] = (long) ids[fileRegion] << 48 | (head & 0xFFFF_FFFF_FFFFL);
            slots[2 * i + 1] = body;
        }
        return slots;
    }
}
