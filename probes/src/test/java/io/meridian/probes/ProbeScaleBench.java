package io.meridian.probes;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.meridian.routing.HealthStatus;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Probe-scale benchmark (not a test): N endpoints at a 1 s interval against the G gateways of a
 * separate {@link ScaleGateways} JVM for D seconds after a warm-up, then stops by itself. Reports
 * achieved probes/s, schedule lag p50/p99, this (prober) JVM's CPU seconds, peak heap and open file
 * descriptors, and the gateway JVM's CPU seconds and answered requests over the same window (read from its
 * control server; the requests are the yardstick bench/probe-scale/peer-haproxy reports HAProxy's checks by).
 * Run through {@code bench/probe-scale/run}, which starts the gateway JVM and passes its addresses.
 *
 * <pre>
 * args: --gateway-addresses HOST:PORT,... --gateway-control HOST:PORT
 *       [--endpoints N] [--duration S] [--warmup S] [--gateways G] [--interval MS] [--keep-alive] [--io-loops N] [--trace] [--nio]
 * </pre>
 * {@code --trace} prints the monitor's load every second (warm-up included) to stderr. Vert.x runs on Netty's
 * native epoll transport, as the director does ({@code meridian run}); {@code --nio} runs it on the JDK's NIO.
 */
public final class ProbeScaleBench {
    private ProbeScaleBench() {
    }

    /** One gateway of the {@link ScaleGateways} JVM. */
    private record Gateway(String host, int port) {
        static Gateway parse(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            return new Gateway(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
    }

    /**
     * One number from the gateway JVM's control server: {@code /cpu} (its CPU time in nanoseconds) or
     * {@code /requests} (requests its gateways answered so far). Blocking; main thread only.
     */
    private static long gatewayControl(HttpClient http, URI control, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(control.resolve(path)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("gateway control " + request.uri() + ": HTTP " + response.statusCode());
        }
        return Long.parseLong(response.body().trim());
    }

    /** Schedule lag histogram with 100 us buckets up to 10 s. */
    private static final class LagHistogram {
        private final long[] buckets = new long[100_001];
        private long count;

        void add(Duration lag) {
            int bucket = (int) Math.min(buckets.length - 1, lag.toNanos() / 100_000);
            buckets[bucket]++;
            count++;
        }

        double percentileMillis(double p) {
            long rank = (long) Math.ceil(p * count);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank && rank > 0) {
                    return (i + 1) / 10.0; // upper edge of the bucket
                }
            }
            return 0;
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            // Vert.x's threads would keep the JVM, and the script waiting on it, up after a failed start.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int endpoints = 10_000;
        int duration = 60;
        int warmup = 10;
        int gateways = 40;
        int intervalMs = 1000;
        boolean keepAlive = false;
        int ioLoops = 0;
        boolean trace = false;
        boolean nio = false;
        List<Gateway> servers = new ArrayList<>();
        URI control = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoints" -> endpoints = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--gateways" -> gateways = Integer.parseInt(args[++i]);
                case "--interval" -> intervalMs = Integer.parseInt(args[++i]);
                case "--keep-alive" -> keepAlive = true;
                case "--io-loops" -> ioLoops = Integer.parseInt(args[++i]);
                case "--trace" -> trace = true;
                case "--nio" -> nio = true;
                case "--gateway-addresses" -> {
                    for (String hostPort : args[++i].split(",")) {
                        servers.add(Gateway.parse(hostPort));
                    }
                }
                case "--gateway-control" -> control = URI.create("http://" + args[++i] + "/");
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (endpoints < 1 || endpoints > 100_000 || duration < 1 || duration > 3600 || gateways < 1 || gateways > 250) {
            throw new IllegalArgumentException("endpoints 1..100000, duration 1..3600 s, gateways 1..250");
        }
        if (servers.size() != gateways || control == null) {
            throw new IllegalArgumentException("expected --gateway-addresses with " + gateways
                    + " entries and --gateway-control (bench/probe-scale/run passes them), got "
                    + servers.size() + " addresses, control " + control);
        }
        HttpClient http = HttpClient.newHttpClient();
        // The driver's first use of the JDK's HttpClient and of the management beans loads a few hundred classes.
        // Done at the start of the window, as it was, it stalled the prober's loop by 100-200 ms ("measure 0 s" in
        // --trace, every run) and the backlog that left took the first seconds of the window. Done before any probe.
        gatewayControl(http, control, "/cpu");
        gatewayControl(http, control, "/requests");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        os.getProcessCpuTime();
        gcMillis();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(!nio));
        if (!nio && !vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("native epoll is not available (" + vertx.unavailableNativeTransportCause()
                    + "); --nio runs on the JDK's NIO");
        }

        MonitorSettings settings = MonitorSettings.defaults(MonitorSettings.Protocol.HTTP)
                .withTiming(Duration.ofMillis(intervalMs), Duration.ofMillis(intervalMs / 2), Duration.ofMillis(intervalMs))
                .withHttp("/status-0123456789abcdef", "OK", Map.of(), true);
        List<ProbeTarget> targets = new ArrayList<>(endpoints);
        for (int i = 0; i < endpoints; i++) {
            Gateway gateway = servers.get(i % gateways);
            targets.add(new ProbeTarget("e" + i + ".bench.test",
                    gateway.host(), gateway.port(), settings));
        }

        HealthMonitor monitor = HealthMonitor.create(vertx, InstantSource.system(), new SplittableRandom(1),
                MonitorOptions.defaults().withKeepAlive(keepAlive).withIoEventLoops(ioLoops));
        // Only the monitor's event loop touches these; the main thread reads them after stop().
        LagHistogram lags = new LagHistogram();
        Map<FailureKind, Long> failures = new EnumMap<>(FailureKind.class);
        AtomicLong measuring = new AtomicLong(); // 0 = warming up, 1 = measuring, 2 = done
        long[] probes = {0};
        Map<FailureKind, Long> warmupFailures = new EnumMap<>(FailureKind.class);
        Set<ProbeTarget> probedOnce = new HashSet<>();
        long[] allProbedAt = {0}; // nanoTime when the last target had its first probe
        int total = endpoints;
        monitor.addProbeListener((id, outcome, lag) -> {
            if (allProbedAt[0] == 0 && probedOnce.add(id) && probedOnce.size() == total) {
                allProbedAt[0] = System.nanoTime();
            }
            if (measuring.get() == 0 && !outcome.success()) {
                warmupFailures.merge(outcome.failure(), 1L, Long::sum);
            }
            if (measuring.get() != 1) {
                return;
            }
            probes[0]++;
            lags.add(lag);
            if (!outcome.success()) {
                failures.merge(outcome.failure(), 1L, Long::sum);
            }
        });
        AtomicLong degraded = new AtomicLong(); // every gateway is healthy: each one is a false degradation
        monitor.addListener(t -> {
            if (t.to() == HealthStatus.DEGRADED) {
                degraded.incrementAndGet();
            }
        });
        AtomicLong overloadedWindows = new AtomicLong();
        AtomicLong maxStretchMilli = new AtomicLong(1000);
        AtomicLong deferred = new AtomicLong();
        monitor.bulkhead().getEventPublisher().onCallRejected(e -> deferred.incrementAndGet());
        monitor.start().await(10, TimeUnit.SECONDS);
        long updated = System.nanoTime();
        monitor.update(targets, Map.of()).await(10, TimeUnit.SECONDS);
        System.out.printf("probe-scale: prober JVM pid %d; %d endpoints, %d gateways, interval %d ms, keepAlive %s,"
                + " io loops %d, transport %s, warm-up %d s, measure %d s%n", ProcessHandle.current().pid(), endpoints,
                gateways, intervalMs, keepAlive, ioLoops, nio ? "nio" : "epoll", warmup, duration);
        double[] lastStretched = {-1}; // seconds after the update when the schedule was last seen stretched
        for (int second = 0; second < warmup; second++) {
            TimeUnit.SECONDS.sleep(1); // a benchmark driver, not a test: plain waiting is the point
            ProbeLoad load = monitor.load();
            if (trace) {
                trace("warm-up", second, load);
            }
            noteStretch(load, updated, lastStretched);
        }

        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcStart = gcMillis();
        long gatewayCpuStart = gatewayControl(http, control, "/cpu");
        long gatewayRequestsStart = gatewayControl(http, control, "/requests");
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        measuring.set(1);
        for (int second = 0; second < duration; second++) {
            TimeUnit.SECONDS.sleep(1);
            ProbeLoad load = monitor.load();
            if (trace) {
                trace("measure", second, load);
            }
            if (load.overloaded()) {
                overloadedWindows.incrementAndGet();
            }
            noteStretch(load, updated, lastStretched);
            maxStretchMilli.accumulateAndGet(Math.round(load.stretch() * 1000), Math::max);
        }
        measuring.set(2);
        ProbeLoad lastLoad = monitor.load();
        long wall = System.nanoTime() - wallStart;
        long cpu = os.getProcessCpuTime() - cpuStart;
        long gatewayRequests = gatewayControl(http, control, "/requests") - gatewayRequestsStart;
        long gatewayCpu = gatewayControl(http, control, "/cpu") - gatewayCpuStart;
        // Sampled at the end of the window: with keep-alive that is the steady connection count.
        long openFds = openFileDescriptors(os);
        long maxFds = maxFileDescriptors(os);
        long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        // What the prober really keeps: heap in use right after the last collection of each pool.
        long liveHeap = heapPools.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0
                : p.getCollectionUsage().getUsed()).sum();
        long gcTime = gcMillis() - gcStart;
        monitor.stop().await(30, TimeUnit.SECONDS);
        long online = monitor.snapshot().values().stream()
                .filter(h -> h.status() == HealthStatus.ONLINE).count();
        vertx.close().await(30, TimeUnit.SECONDS);

        double seconds = wall / 1e9;
        System.out.printf("probes/s          %.0f (target %d)%n", probes[0] / seconds, endpoints * 1000L / intervalMs);
        System.out.printf("schedule lag      p50 %.1f ms, p99 %.1f ms%n", lags.percentileMillis(0.50),
                lags.percentileMillis(0.99));
        System.out.printf("prober cpu        %.1f s in %.1f s wall (%.2f cores; prober JVM only)%n", cpu / 1e9,
                seconds, cpu / 1e9 / seconds);
        System.out.printf("gateway cpu       %.1f s in the same window (%.2f cores; separate gateway JVM)%n",
                gatewayCpu / 1e9, gatewayCpu / 1e9 / seconds);
        // The yardstick bench/probe-scale/peer-haproxy uses for HAProxy's checks: requests the gateways answered.
        System.out.printf("gateway requests  %.0f/s answered in the window (prober %.3f CPU-s per 1,000 of them)%n",
                gatewayRequests / seconds, gatewayRequests == 0 ? 0 : cpu / 1e9 / (gatewayRequests / 1000.0));
        System.out.printf("prober peak heap  %d MB (sum of each pool's peak; max %d MB)%n", peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("prober live heap  %d MB after the last GC; GC time %.1f s in the window%n",
                liveHeap >> 20, gcTime / 1e3);
        System.out.printf("prober open fds   %s at the end of the window (soft limit %d)%n",
                openFds < 0 ? "all (counting them takes one more)" : openFds, maxFds);
        System.out.printf("failed probes     %s (warm-up: %s)%n", failures, warmupFailures);
        System.out.printf("start-up          %s%n", allProbedAt[0] == 0
                ? probedOnce.size() + " of " + endpoints + " endpoints probed at least once (the ramp had not released all)"
                : String.format("every endpoint probed once %.1f s after the update (the start-up ramp)",
                        (allProbedAt[0] - updated) / 1e9));
        System.out.printf("stretched until   %s%n", lastStretched[0] < 0 ? "never stretched"
                : String.format("%.0f s after the update (last sample with a stretch above 1; the window began at %d s)",
                        lastStretched[0], warmup));
        System.out.printf("online at the end %d of %d; probes deferred by the bulkhead %d%n", online, endpoints,
                deferred.get());
        System.out.printf("false degradations %d (transitions to degraded; every gateway is healthy)%n", degraded.get());
        System.out.printf("overload          %d of %d s overloaded, max stretch %.2f; at the end: capacity %.0f/s (%s),"
                + " demand %.0f/s, achieved %.0f/s, excused timeouts %d%n", overloadedWindows.get(), duration,
                maxStretchMilli.get() / 1000.0, lastLoad.capacityPerSecond(), lastLoad.measured() ? "measured" : "baseline",
                lastLoad.demandPerSecond(), lastLoad.achievedPerSecond(), lastLoad.excusedTimeouts());
    }

    private static void noteStretch(ProbeLoad load, long updated, double[] lastStretched) {
        if (load.stretch() > 1) {
            lastStretched[0] = (System.nanoTime() - updated) / 1e9;
        }
    }

    /** One line per second to stderr (--trace): what the monitor's governor saw in its last window. */
    private static void trace(String phase, int second, ProbeLoad load) {
        System.err.printf("trace %s %3d s: achieved %6.0f/s, loop late %4d ms, stretch %.2f%s, capacity %.0f/s, gc %d ms%n",
                phase, second, load.achievedPerSecond(), load.loopDelay().toMillis(), load.stretch(),
                load.overloaded() ? " (overloaded)" : "", load.capacityPerSecond(), gcMillis());
    }

    /** -1 when the count cannot be taken: reading /proc/self/fd needs a descriptor, and the prober may hold them all. */
    private static long openFileDescriptors(OperatingSystemMXBean os) {
        try {
            return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
        } catch (InternalError e) {
            return -1;
        }
    }

    private static long maxFileDescriptors(OperatingSystemMXBean os) {
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
