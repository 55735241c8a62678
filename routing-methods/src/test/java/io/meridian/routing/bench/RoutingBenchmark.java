package io.meridian.routing.bench;

import io.meridian.routing.Cidr;
import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.EndpointId;
import io.meridian.routing.Fallback;
import io.meridian.routing.GeoLocation;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.GeoPoint;
import io.meridian.routing.HealthStatus;
import io.meridian.routing.HealthView;
import io.meridian.routing.MethodKind;
import io.meridian.routing.ProfileDefinition;
import io.meridian.routing.RoutingTable;
import io.meridian.routing.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision per method on a 200-endpoint profile (Traffic Manager's per-profile limit),
 * every 10th endpoint degraded. The GeoLocator answers from a precomputed Optional, so the
 * figures are the routing cost alone (a MaxMind lookup comes on top for location methods).
 * Run with bench/jmh-routing; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {
    static final int ENDPOINTS = 200;

    private RoutingTable table;
    private ClientContext v4;
    private ClientContext ecs;
    private RandomGenerator random;

    @Setup
    public void setUp() {
        v4 = ClientContext.ofAddress(ip("198.51.100.77"));
        ecs = ClientContext.ofSubnet(ip("2001:db8:77::"), 56);
        GeoLocation location = new GeoLocation("EU", "GB", "GB-ENG", new GeoPoint(51.51, -0.09), 24);
        Optional<GeoLocation> located = Optional.of(location);
        GeoLocator locator = address -> located;
        List<ProfileDefinition> profiles = new ArrayList<>();
        Map<EndpointId, HealthStatus> health = new HashMap<>();
        for (MethodKind method : MethodKind.values()) {
            String name = method.name().toLowerCase(Locale.ROOT);
            profiles.add(new ProfileDefinition(name, name + ".tm.example.test", method, Duration.ofSeconds(30), 8,
                    Fallback.NEAREST, endpoints()));
            for (int i = 0; i < ENDPOINTS; i += 10) {
                health.put(new EndpointId(name, "e" + i), HealthStatus.DEGRADED);
            }
        }
        table = RoutingTable.compile(profiles, HealthView.of(health), locator);
        random = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    }

    @Benchmark
    public Decision priority() {
        return table.decide("priority", v4, random);
    }

    @Benchmark
    public Decision weighted() {
        return table.decide("weighted", v4, random);
    }

    @Benchmark
    public Decision performance() {
        return table.decide("performance", v4, random);
    }

    @Benchmark
    public Decision geographic() {
        return table.decide("geographic", v4, random);
    }

    @Benchmark
    public Decision multivalue() {
        return table.decide("multivalue", v4, random);
    }

    @Benchmark
    public Decision subnet() {
        return table.decide("subnet", ecs, random);
    }

    /** The resolve API's path: the same decision plus a formatted explanation. */
    @Benchmark
    public Decision performanceExplained() {
        return table.explain("performance", v4, random);
    }

    private static List<Endpoint> endpoints() {
        List<String> countries = Arrays.stream(Locale.getISOCountries()).filter(c -> !c.equals("GB")).toList();
        List<Endpoint> list = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            // a grid of points; GB is left out and WORLD (e190) is degraded, so geographic falls back to nearest
            GeoPoint point = new GeoPoint(-40 + (i % 20) * 4.0, -180 + (i / 20) * 36.0);
            List<Cidr> subnets = List.of(new Cidr(ip("198.51.100." + i), 32), new Cidr(ip("2001:db8:" + i + "::"), 48));
            list.add(new Endpoint("e" + i, new Target.Address(ip("192.0.2." + (i % 250 + 1)), "192.0.2." + (i % 250 + 1)), point, i + 1,
                    1 + (i * 37) % 1000, List.of(i == 190 ? "WORLD" : countries.get(i)), subnets,
                    true, false, null, 0));
        }
        return list;
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
