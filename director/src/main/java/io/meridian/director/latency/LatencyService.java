package io.meridian.director.latency;

import io.meridian.config.LatencyConfig;
import io.meridian.director.state.Regions;
import io.meridian.director.state.SharedSample;
import io.meridian.routing.GeoLocation;
import io.meridian.routing.MeasuredLatency;
import io.meridian.routing.latency.LatencyPolicy;
import io.meridian.routing.latency.LatencyTable;
import io.meridian.routing.latency.LatencyTableFile;
import io.meridian.routing.latency.NetworkKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the latency table (ADR 0011): measurements from clients and from peers are
 * folded in on one Vert.x context; routing reads the table from any thread through
 * {@link #bind}. Writes the table's snapshot file on a timer and at stop, reads it at start,
 * and hands accepted samples to the cluster in batches once a second.
 */
public final class LatencyService {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyService.class);
    /** Samples kept for the next cluster batch; beyond, they stay local (counted). */
    static final int MAX_OUTBOX = 20_000;

    /** What a request added. */
    public record Accepted(int accepted, int clipped, String network) {
    }

    /** Writes a whole file so that a crash leaves the old or the new content (the core's AtomicFiles). */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path path, byte[] bytes) throws IOException;
    }

    /** Metrics hooks; see {@code LatencyMetrics}. */
    public interface Counters {
        void accepted(int accepted, int clipped);

        void rejected(Rejection.Reason reason);

        void merged(int samples);
    }

    private final Vertx vertx;
    private final Context context;
    private final LatencyConfig config;
    private final Path file;
    private final FileWriter writer;
    private final InstantSource clock;
    private final LatencyTable table;
    private final SourceLimiter limiter;
    private Counters counters;
    private List<SharedSample> outbox = new ArrayList<>();
    private Consumer<List<SharedSample>> peers;
    private long changes;
    private long saved;
    private long saveTimer = -1;
    private long flushTimer = -1;

    /** @param context the writer's context: every change to the table happens on it */
    public LatencyService(Vertx vertx, Context context, LatencyConfig config, Path file, FileWriter writer,
                          InstantSource clock) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.vertx = vertx;
        this.context = context;
        this.config = Objects.requireNonNull(config, "config");
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.table = new LatencyTable(LatencyPolicy.DEFAULTS.withLimits(config.minSamples(), config.halfLife(),
                config.freshFor(), config.maxNetworks()));
        this.limiter = new SourceLimiter(config.requestsPerMinute());
        this.counters = new Counters() {
            @Override
            public void accepted(int accepted, int clipped) {
            }

            @Override
            public void rejected(Rejection.Reason reason) {
            }

            @Override
            public void merged(int samples) {
            }
        };
    }

    /** The snapshot file beside the state file: {@code meridian-state.json} -> {@code meridian-state.latency}. */
    public static Path fileBeside(Path stateFile) {
        String name = stateFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return stateFile.resolveSibling(base + ".latency");
    }

    public void counters(Counters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    public LatencyTable table() {
        return table;
    }

    public LatencyConfig config() {
        return config;
    }

    /** Routing's view of the table for one config's regions. */
    public MeasuredLatency bind(Regions regions) {
        return MeasuredLatency.of(table, clock, regions::of);
    }

    /**
     * Restores the snapshot file (before anything else writes), then saves every
     * {@code saveInterval} and sends batches to peers every second. On the writer's context.
     */
    public Future<Void> start() {
        return vertx.executeBlocking(this::restore).compose(restored -> {
            Promise<Void> done = Promise.promise();
            context.runOnContext(v -> {
                saveTimer = vertx.setPeriodic(config.saveInterval().toMillis(), id -> save());
                flushTimer = vertx.setPeriodic(1000, id -> flush());
                done.complete();
            });
            return done.future();
        });
    }

    /** Stops the timers and writes the file a last time. */
    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            vertx.cancelTimer(saveTimer);
            vertx.cancelTimer(flushTimer);
            save().onComplete(r -> done.complete());
        });
        return done.future();
    }

    /** Where accepted samples go for the other directors (called on the sender's terms: it must not block). */
    public void attach(Consumer<List<SharedSample>> peers) {
        context.runOnContext(v -> this.peers = peers);
    }

    /**
     * Folds a client's samples in, whole or not at all.
     *
     * @param location the client's GeoIP location (its areas get the samples too), or null
     * @param limited  whether the per-source rate limit applies (not to holders of the API token)
     */
    public Future<Accepted> ingest(InetAddress client, GeoLocation location, List<MeasurementBody.RegionSample> samples,
                                   boolean limited) {
        Promise<Accepted> done = Promise.promise();
        context.runOnContext(v -> {
            long network = NetworkKey.of(client);
            Instant now = clock.instant();
            if (limited && !limiter.tryAcquire(network, now)) {
                done.fail(new Rejection(Rejection.Reason.RATE_LIMITED, "too many measurements from "
                        + NetworkKey.format(network) + " (at most " + config.requestsPerMinute()
                        + " requests a minute); retry after " + limiter.retryAfterSeconds() + " s"));
                return;
            }
            List<String> areas = areas(location);
            int clipped = 0;
            for (MeasurementBody.RegionSample s : samples) {
                if (table.record(network, areas, s.region(), s.rttMs(), now) == LatencyTable.Outcome.CLIPPED) {
                    clipped++;
                }
                share(new SharedSample(network, areas, s.region(), s.rttMs(), now.toEpochMilli()));
            }
            changes++;
            counters.accepted(samples.size() - clipped, clipped);
            done.complete(new Accepted(samples.size() - clipped, clipped, NetworkKey.format(network)));
        });
        return done.future();
    }

    /** Counts a refused request (the HTTP side counts every refusal, the rate limit's too). Any thread. */
    public void rejected(Rejection.Reason reason) {
        counters.rejected(reason);
    }

    /** Folds in samples another director accepted. Any thread. */
    public void merge(List<SharedSample> samples) {
        context.runOnContext(v -> {
            int merged = 0;
            for (SharedSample s : samples) {
                if (!NetworkKey.valid(s.network()) || !(s.rttMs() > 0 && s.rttMs() < LatencyTable.MAX_RTT_MS)) {
                    continue; // a peer runs the same validation; a mismatch is a version skew, not worth failing the batch
                }
                table.record(s.network(), s.areas(), s.region(), s.rttMs(), Instant.ofEpochMilli(s.at()));
                merged++;
            }
            changes++;
            counters.merged(merged);
        });
    }

    private void share(SharedSample sample) {
        if (peers != null && outbox.size() < MAX_OUTBOX) {
            outbox.add(sample);
        }
    }

    private void flush() {
        if (outbox.isEmpty() || peers == null) {
            return;
        }
        List<SharedSample> batch = outbox;
        outbox = new ArrayList<>();
        peers.accept(batch);
    }

    private static List<String> areas(GeoLocation location) {
        if (location == null) {
            return List.of();
        }
        List<String> areas = new ArrayList<>(2);
        if (location.subdivision() != null) {
            areas.add(location.subdivision());
        }
        if (location.country() != null) {
            areas.add(location.country());
        }
        return areas;
    }

    /** Writes the file when something changed since the last write; on the writer's context, writing on a worker. */
    private Future<Void> save() {
        if (changes == saved) {
            return Future.succeededFuture();
        }
        long at = changes;
        return vertx.executeBlocking(() -> {
            long start = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.networkCount() * 48);
            LatencyTableFile.write(table, out);
            writer.write(file, out.toByteArray());
            LOG.debug("latency: saved {} networks to {} in {} ms", table.networkCount(), file,
                    (System.nanoTime() - start) / 1_000_000);
            return null;
        }).onSuccess(v -> saved = Math.max(saved, at))
                .onFailure(e -> LOG.error("latency: cannot save the table to {}", file, e))
                .mapEmpty();
    }

    private LatencyTableFile.Restored restore() throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            LatencyTableFile.Restored r = LatencyTableFile.read(in, table, clock.instant());
            LOG.info("latency: restored {} networks and {} areas from {} ({} stale ones dropped)", r.networks(),
                    r.areas(), file, r.stale());
            return r;
        } catch (NoSuchFileException e) {
            return new LatencyTableFile.Restored(0, 0, 0);
        } catch (IOException e) {
            LOG.error("latency: cannot read {}; starting with what was read of it ({} networks): {}", file,
                    table.networkCount(), e.toString());
            return new LatencyTableFile.Restored(table.networkCount(), table.areaCount(), 0);
        }
    }
}
