package io.meridian.routing.bench;

import io.meridian.routing.latency.LatencyPolicy;
import io.meridian.routing.latency.LatencyTable;
import io.meridian.routing.latency.LatencyTableFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Heap of a full latency table and its snapshot file's write and restore times (issue 14):
 * {@code bench/latency-table [networks] [rounds]}. Heap is measured as used heap after full
 * GCs, before and after filling; times are medians of the rounds. Not a test.
 */
public final class LatencyFootprint {
    private LatencyFootprint() {
    }

    public static void main(String[] args) throws IOException {
        int networks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        long before = usedAfterGc();
        LatencyTable table = new LatencyTable(LatencyPolicy.DEFAULTS.withLimits(5, LatencyPolicy.DEFAULTS.halfLife(),
                LatencyPolicy.DEFAULTS.freshFor(), networks));
        long fillStart = System.nanoTime();
        LatencyBenchmark.fill(table, networks, now);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        long after = usedAfterGc();
        System.out.printf("networks %d, regions 3, heap %.1f MB, %.0f bytes per network; filled at %.0f samples/s"
                + " (one thread)%n", table.networkCount(), (after - before) / 1e6, (after - before) / (double) networks,
                networks * 15 / fillSeconds);
        Path file = Files.createTempFile("latency", ".snapshot");
        long[] write = new long[rounds];
        long[] read = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                LatencyTableFile.write(table, out);
            }
            write[r] = System.nanoTime() - t;
            LatencyTable restored = new LatencyTable(table.policy());
            t = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                LatencyTableFile.read(in, restored, now);
            }
            read[r] = System.nanoTime() - t;
            if (restored.networkCount() != table.networkCount()) {
                throw new IllegalStateException("restored " + restored.networkCount() + " of " + table.networkCount());
            }
        }
        System.out.printf("snapshot %.1f MB: write %d ms, restore %d ms (median of %d)%n", Files.size(file) / 1e6,
                median(write) / 1_000_000, median(read) / 1_000_000, rounds);
        Files.delete(file);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
