package io.meridian.director.bench;

import io.meridian.director.core.Director;
import io.meridian.director.core.Director.DirectorOptions;
import io.meridian.director.demo.SimulatedGateway;
import io.meridian.probes.ProbeHealth;
import io.meridian.routing.EndpointId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Failover drill (not a test): a director in front of two simulated gateways with
 * {@code interval 1s, timeout 500ms, toleratedFailures 1, retryInterval 250ms, recoverAfter 2}.
 * Each round breaks the primary (stop = server closed, freeze = it stops answering), polls
 * DNS every 50 ms until the answer moves away, then repairs it and polls until the answer
 * comes back. Prints a Markdown table. Bounded: ROUNDS rounds, 30 s per wait at most.
 *
 * <p>Usage: {@code FailoverDrill [rounds] [stop|freeze ...]} (bench/failover/run).
 */
public final class FailoverDrill {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long WAIT_LIMIT_MS = 30_000;
    private static final long BOUND_MS = 500 + 1 * (250 + 500); // timeout + toleratedFailures * (retry + timeout)

    private final Vertx vertx = Vertx.vertx();
    private final List<SimulatedGateway> gateways = new ArrayList<>();
    private Director director;
    private SimpleResolver resolver;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> modes = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("stop", "freeze");
        FailoverDrill drill = new FailoverDrill();
        try {
            drill.start();
            System.out.println("| mode | round | first failing probe after break (ms) | detected after break (ms) "
                    + "| detected after first failing probe (ms) | bound + 100 ms | back after repair (ms) |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String mode : modes) {
                List<long[]> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    long[] r = drill.round(mode);
                    results.add(r);
                    System.out.printf("| %s | %d | %d | %d | %d | %s | %d |%n", mode, round, r[0], r[1], r[1] - r[0],
                            r[1] - r[0] <= BOUND_MS + 100 ? "within" : "EXCEEDED", r[2]);
                }
                System.out.printf("| %s | median | %d | %d | %d | bound %d ms | %d |%n", mode, median(results, 0),
                        median(results, 1), median(results, 3), BOUND_MS, median(results, 2));
            }
        } finally {
            drill.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void start() throws Exception {
        for (String region : List.of("primary", "secondary")) {
            gateways.add(await(new SimulatedGateway(vertx, region, "127.0.0.1", 0).start()));
        }
        Path dir = Files.createTempDirectory("meridian-failover");
        Path config = dir.resolve("meridian.yaml");
        Files.writeString(config, """
                dns:
                  listen: ["127.0.0.1:0"]
                  zones: [{name: drill.test, nameservers: [ns1.drill.test]}]
                http: {listen: "127.0.0.1:0"}
                state: {file: state.json}
                profiles:
                  - name: drill
                    domain: api.drill.test
                    routing: priority
                    ttl: 1s
                    monitor: {protocol: HTTP, path: /status-0123456789abcdef, interval: 1s, timeout: 500ms,
                              toleratedFailures: 1, retryInterval: 250ms, recoverAfter: 2}
                    endpoints:
                      - {name: primary, target: 192.0.2.1, probeAddress: "127.0.0.1:%d", priority: 1}
                      - {name: secondary, target: 192.0.2.2, probeAddress: "127.0.0.1:%d", priority: 2}
                """.formatted(gateways.get(0).actualPort(), gateways.get(1).actualPort()));
        director = await(Director.deploy(vertx, DirectorOptions.of(config, Map.of())));
        InetSocketAddress dns = director.dnsAddresses().get(0);
        resolver = new SimpleResolver(dns);
        resolver.setTimeout(Duration.ofSeconds(1));
        waitFor("192.0.2.1");
    }

    /** One break-and-repair round: {first failing probe, detected, back} in ms after the break / repair. */
    private long[] round(String mode) throws Exception {
        waitFor("192.0.2.1");
        waitUntilStable();
        EndpointId primary = new EndpointId("drill", "primary");
        long broken = System.nanoTime();
        java.time.Instant brokenAt = java.time.Instant.now();
        if (mode.equals("stop")) {
            await(gateways.get(0).stop());
        } else {
            gateways.get(0).mode(SimulatedGateway.Mode.HANGING);
        }
        long firstFailure = -1;
        long detected = -1;
        while (detected < 0 && elapsedMs(broken) < WAIT_LIMIT_MS) {
            ProbeHealth h = director.port().snapshot().healthOf(primary).orElse(null);
            if (firstFailure < 0 && h != null && h.lastFailure() != null && h.lastFailure().time().isAfter(brokenAt)) {
                firstFailure = Duration.between(brokenAt, h.lastFailure().time()).toMillis();
            }
            if (!answer().equals("192.0.2.1")) {
                detected = elapsedMs(broken);
            } else {
                Thread.sleep(POLL.toMillis()); // the drill's polling period, not synchronisation
            }
        }
        long repaired = System.nanoTime();
        if (mode.equals("stop")) {
            gateways.set(0, await(new SimulatedGateway(vertx, "primary", "127.0.0.1", gateways.get(0).actualPort()).start()));
        } else {
            gateways.get(0).mode(SimulatedGateway.Mode.HEALTHY);
        }
        long back = -1;
        while (back < 0 && elapsedMs(repaired) < WAIT_LIMIT_MS) {
            if (answer().equals("192.0.2.1")) {
                back = elapsedMs(repaired);
            } else {
                Thread.sleep(POLL.toMillis());
            }
        }
        return new long[] {firstFailure, detected, back, detected - firstFailure};
    }

    private void waitUntilStable() throws InterruptedException {
        // let the primary's recovery settle into its normal interval before breaking it again
        Thread.sleep(1500);
    }

    private void waitFor(String address) throws Exception {
        long start = System.nanoTime();
        while (!answer().equals(address)) {
            if (elapsedMs(start) > WAIT_LIMIT_MS) {
                throw new IllegalStateException("answer never became " + address);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private String answer() throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("api.drill.test."), Type.A, DClass.IN));
        List<Record> answers = resolver.send(q).getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : answers.get(0).rdataToString();
    }

    private static long median(List<long[]> rows, int column) {
        long[] values = rows.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
