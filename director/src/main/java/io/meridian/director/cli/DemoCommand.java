package io.meridian.director.cli;

import io.meridian.director.demo.ClusterDemo;
import io.meridian.director.demo.Demo;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian demo}: three simulated regional gateways (westus2, westeurope, eastasia)
 * on loopback and a director in front of them, then prints what to try. Ctrl-C stops it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start simulated regional gateways and a director for them, and print what to try.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dns", defaultValue = "127.0.0.1:5353", paramLabel = "ADDR:PORT", description = "DNS listen address (default: ${DEFAULT-VALUE})")
    String dns;

    @Option(names = "--http", defaultValue = "127.0.0.1:8080", paramLabel = "ADDR:PORT", description = "HTTP listen address (default: ${DEFAULT-VALUE})")
    String http;

    @Option(names = "--geoip", paramLabel = "FILE", description = "MaxMind database (default: the test database in ../shared/geoip, if found)")
    Path geoip;

    @Option(names = "--nodes", defaultValue = "1", paramLabel = "N",
            description = "directors: 1 (default) in this process; 2..5 as one cluster of processes"
                    + " (DNS 5353.., HTTP 8080.., cluster 7801..)")
    int nodes;

    @Override
    public Integer call() throws Exception {
        Path database = geoip != null ? geoip : Demo.findTestDatabase(Path.of(""));
        if (database == null) { // started elsewhere: look beside the checkout the jar was built in
            database = Demo.findTestDatabase(Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        if (nodes < 1 || nodes > 5) {
            spec.commandLine().getErr().println("meridian demo: --nodes " + nodes + " (expected: 1..5)");
            return ValidateCommand.INVALID;
        }
        Path workDir = Files.createTempDirectory("meridian-demo");
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        if (nodes > 1) {
            return cluster(vertx, workDir, database);
        }
        Demo demo;
        try {
            demo = Demo.start(vertx, workDir, dns, http, database, true)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            RunCommand.close(vertx);
            deleteQuietly(workDir);
            String cause = e instanceof ExecutionException ? e.getCause().getMessage() : "start took over 60 s";
            spec.commandLine().getErr().println("meridian demo: cannot start: " + cause
                    + "\n(ports 5353, 8080 and 9101-9103 on 127.0.0.1 must be free; see --help for other addresses)");
            return 1;
        }
        spec.commandLine().getOut().println(demo.instructions());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RunCommand.close(vertx);
            deleteQuietly(workDir);
            stopped.countDown();
        }, "meridian-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** Gateways here, directors as child processes of this same program, stopped with it. */
    private int cluster(Vertx vertx, Path workDir, Path database) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ClusterDemo demo;
        try {
            demo = ClusterDemo.start(vertx, workDir, ClusterDemo.Ports.defaults(nodes), database, java,
                    System.getProperty("java.class.path"));
        } catch (Exception e) {
            RunCommand.close(vertx);
            spec.commandLine().getErr().println("meridian demo: cannot start the cluster: " + e.getMessage()
                    + "\n(ports 5353.., 8080.., 7801.. and 9101-9103 on 127.0.0.1 must be free)");
            return 1;
        }
        spec.commandLine().getOut().println(demo.instructions());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.stopDirectors();
            RunCommand.close(vertx);
            deleteQuietly(workDir);
            stopped.countDown();
        }, "meridian-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** The demo's generated config and state file; nothing of the user's lives there. */
    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
