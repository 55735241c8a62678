package io.meridian.routing.bench;

import io.meridian.routing.AdminView;
import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoLocation;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.GeoPoint;
import io.meridian.routing.HealthView;
import io.meridian.routing.LatencyEstimator;
import io.meridian.routing.MeasuredLatency;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import io.meridian.routing.latency.LatencyPolicy;
import io.meridian.routing.latency.LatencyTable;
import io.meridian.routing.latency.NetworkKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measured latency's cost (issue 14): a performance decision over three regions with a
 * 1,000,000-network table (the client's network measured, or only its country), against the
 * model alone on the same profile; and one sample folded into the full table (the writer's
 * work per sample, evicting at the cap). Clients rotate over 65,536 networks so the lookups
 * miss the CPU caches as a large table would. Run with {@code bench/jmh-routing Latency}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class LatencyBenchmark {
    static final int NETWORKS = 1_000_000;
    static final List<String> REGIONS = List.of("westus2", "westeurope", "eastasia");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final int CLIENTS = 1 << 16;

    private RoutingTable modelOnly;
    private RoutingTable measured;
    private LatencyTable table;
    private ClientContext[] clients;
    private ClientContext[] unmeasured;
    private long[] sampleKeys;
    private RandomGenerator random;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        table = new LatencyTable(LatencyPolicy.DEFAULTS);
        fill(table, NETWORKS, NOW);
        GeoLocation london = new GeoLocation("EU", "GB", "GB-ENG", new GeoPoint(51.51, -0.09), 16);
        Optional<GeoLocation> located = Optional.of(london);
        GeoLocator locator = address -> located;
        ProfileDefinition profile = new ProfileDefinition("perf", "perf.tm.example.test", MethodKind.PERFORMANCE,
                Duration.ofSeconds(30), 1, Fallback.NEAREST, List.of(
                        endpoint("westus2", 1, new GeoPoint(47.23, -119.85)),
                        endpoint("westeurope", 2, new GeoPoint(52.37, 4.90)),
                        endpoint("eastasia", 3, new GeoPoint(22.27, 114.19))));
        HealthView health = HealthView.of(Map.of());
        modelOnly = RoutingTable.compile(List.of(profile), health, AdminView.configured(), locator,
                LatencyEstimator.greatCircle(), MeasuredLatency.none());
        measured = RoutingTable.compile(List.of(profile), health, AdminView.configured(), locator,
                LatencyEstimator.greatCircle(), MeasuredLatency.of(table, InstantSource.fixed(NOW), EndpointId::endpoint));
        SplittableRandom r = new SplittableRandom(7);
        clients = new ClientContext[CLIENTS];
        unmeasured = new ClientContext[CLIENTS];
        sampleKeys = new long[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            int n = r.nextInt(NETWORKS);
            clients[i] = ClientContext.ofSubnet(address(n), 24);
            unmeasured[i] = ClientContext.ofSubnet(address(NETWORKS + r.nextInt(NETWORKS)), 24);
            sampleKeys[i] = v4(r.nextInt(2 * NETWORKS)); // half new networks: the cap evicts
        }
        random = new SplittableRandom(42);
    }

    /** Fills {@code table} with {@code networks} IPv4 /24s, three regions each, minSamples samples. */
    static void fill(LatencyTable table, int networks, Instant at) {
        List<String> areas = List.of("GB-ENG", "GB");
        for (int n = 0; n < networks; n++) {
            long key = v4(n);
            for (int s = 0; s < LatencyPolicy.DEFAULTS.minSamples(); s++) {
                for (int region = 0; region < REGIONS.size(); region++) {
                    table.record(key, n % 1000 == 0 ? areas : List.of(), REGIONS.get(region), 20 + region * 50 + s,
                            at);
                }
            }
        }
    }

    /** The n-th /24 from 1.0.0.0 on. */
    static long v4(int n) {
        return NetworkKey.of(address(n));
    }

    static InetAddress address(int n) {
        int a = 0x01000000 + (n << 8);
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), 0});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public Decision performanceModelOnly() {
        return modelOnly.decide("perf", clients[next++ & (CLIENTS - 1)], random);
    }

    @Benchmark
    public Decision performanceNetworkMeasured() {
        return measured.decide("perf", clients[next++ & (CLIENTS - 1)], random);
    }

    @Benchmark
    public Decision performanceCountryAggregate() {
        return measured.decide("perf", unmeasured[next++ & (CLIENTS - 1)], random);
    }

    @Benchmark
    public LatencyTable.Outcome recordSample() {
        int i = next++ & (CLIENTS - 1);
        return table.record(sampleKeys[i], List.of("GB-ENG", "GB"), REGIONS.get(i % 3), 20 + (i & 63), NOW);
    }

    private static Endpoint endpoint(String name, int priority, GeoPoint at) {
        return new Endpoint(name, new Target.Address(ip("192.0.2." + priority), "192.0.2." + priority), at, priority, 1,
                List.of(), List.of(), true, false, null, 0);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
