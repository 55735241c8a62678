package io.meridian.director.it;

import io.meridian.director.demo.Demo;
import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measured-latency ingestion end to end (issue 14): the real jar, pinned by bench/latency-ingest
 * to one core, takes {@code POST /api/v1/measurements} of 32 samples each over HTTP from this
 * JVM on the other core, with the per-network rate limiter on (its default of 60 requests a
 * minute). The client networks come from X-Forwarded-For (trusted in this config), one of 65,536
 * IPv6 /48s under 2001:db8::/32 per request in turn, so no network reaches its limit and every
 * request passes through the limiter; a second phase sends everything from one network to show
 * the limiter's refusals. Reports samples accepted per second and per CPU-second of the director.
 * Bounded: a fixed number of seconds per phase; loopback only.
 */
public final class IngestionBench {
    private static final List<String> REGIONS = DirectorHarness.REGIONS;
    private static final int SAMPLES = 32;
    private static final int IN_FLIGHT = 64;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        String core = args.length > 2 ? args[2] : "1";
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path geoip = Demo.findTestDatabase(Path.of(""));
        if (geoip == null) {
            throw new IllegalStateException("no MaxMind test database (shared/geoip) above this directory");
        }
        Vertx vertx = Vertx.vertx();
        List<Integer> gatewayPorts = new ArrayList<>();
        for (String region : REGIONS) {
            SimulatedGateway g = new SimulatedGateway(vertx, region, "127.0.0.1", 0);
            gatewayPorts.add(g.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort());
        }
        int http = freePort();
        int dns = freePort();
        Path config = work.resolve("meridian.yaml");
        Files.writeString(config, config(http, dns, geoip, gatewayPorts, work));
        Process director = new ProcessBuilder("taskset", "-c", core, "java", "-jar", jar.toString(), "run", "--config",
                config.toString()).redirectErrorStream(true).redirectOutput(work.resolve("director.log").toFile()).start();
        try {
            awaitReady(http);
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(http), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
            run(client, director.pid(), 5, true, "warm-up (not reported)");
            System.out.printf("# Measured-latency ingestion, %d samples a request, %d in flight, director on core %s%n%n",
                    SAMPLES, IN_FLIGHT, core);
            System.out.println("| phase | seconds | requests | 202 | 429 | other | samples accepted/s | director CPU % |"
                    + " samples per director CPU-second |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            run(client, director.pid(), seconds, true, "65,536 client networks in turn");
            run(client, director.pid(), Math.min(seconds, 10), false, "one client network (rate-limited)");
        } finally {
            director.destroy();
            director.waitFor(10, TimeUnit.SECONDS);
            vertx.close();
        }
    }

    private static void run(HttpClient client, long pid, int seconds, boolean spread, String phase) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong limited = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong next = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Buffer body = Buffer.buffer(body().encode());
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        for (int i = 0; i < IN_FLIGHT; i++) {
            send(client, body, spread, next, running, ok, limited, other);
        }
        TimeUnit.SECONDS.sleep(seconds); // the measuring window itself, not a synchronisation
        running.set(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuTicks(pid) - cpu0) / 100.0; // USER_HZ
        TimeUnit.SECONDS.sleep(1); // let the last responses drain before the next phase
        if (!phase.startsWith("warm-up")) {
            long accepted = ok.get() * SAMPLES;
            System.out.printf("| %s | %.1f | %,d | %,d | %,d | %,d | %,.0f | %.0f | %,.0f |%n", phase, elapsed,
                    ok.get() + limited.get() + other.get(), ok.get(), limited.get(), other.get(), accepted / elapsed,
                    100 * cpu / elapsed, cpu == 0 ? 0 : accepted / cpu);
        }
    }

    private static void send(HttpClient client, Buffer body, boolean spread, AtomicLong next, AtomicBoolean running,
                             AtomicLong ok, AtomicLong limited, AtomicLong other) {
        if (!running.get()) {
            return;
        }
        long n = next.getAndIncrement();
        String forwarded = spread ? String.format("2001:db8:%x::1", n & 0xffff) : "2001:db8:ffff::1";
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/measurements")
                .putHeader("Content-Type", "application/json").putHeader("X-Forwarded-For", forwarded)
                .setTimeout(5_000);
        client.request(options).compose(req -> req.send(body)).onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() == 202) {
                ok.incrementAndGet();
            } else if (ar.succeeded() && ar.result().statusCode() == 429) {
                limited.incrementAndGet();
            } else if (other.getAndIncrement() == 0) {
                String why = ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().toString();
                if (ar.succeeded()) {
                    ar.result().body().onSuccess(b -> System.err.println("first unexpected response: " + why + " " + b));
                } else {
                    System.err.println("first unexpected response: " + why);
                }
            }
            send(client, body, spread, next, running, ok, limited, other);
        });
    }

    private static JsonObject body() {
        JsonArray samples = new JsonArray();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(new JsonObject().put("region", REGIONS.get(i % REGIONS.size())).put("rttMs", 20.0 + i));
        }
        return new JsonObject().put("samples", samples);
    }

    /** DirectorHarness's config, as performance routing with GeoIP, on known ports, trusting X-Forwarded-For. */
    private static String config(int http, int dns, Path geoip, List<Integer> gateways, Path work) {
        return DirectorHarness.priorityConfig(gateways, "")
                .replace("routing: priority", "routing: performance")
                .replace("listen: [\"127.0.0.1:0\"]", "listen: [\"127.0.0.1:" + dns + "\"]")
                .replace("listen: \"127.0.0.1:0\"", "listen: \"127.0.0.1:" + http + "\"\n  trustForwardedFor: true")
                .replace("state:\n  file: state.json", "geoip:\n  database: " + geoip.toAbsolutePath()
                        + "\nstate:\n  file: " + work.resolve("state.json"));
    }

    private static void awaitReady(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling a child process's start, bounded by the deadline
        }
        throw new IllegalStateException("the director did not become ready within 60 s");
    }

    /** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
