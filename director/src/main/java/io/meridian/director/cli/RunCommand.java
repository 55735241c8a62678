package io.meridian.director.cli;

import io.meridian.config.ConfigProblem;
import io.meridian.director.core.ConfigException;
import io.meridian.director.core.Director;
import io.meridian.director.core.Director.DirectorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian run --config FILE}: the service, until SIGTERM or Ctrl-C (which close the
 * listeners and save the operator state). SIGHUP reloads the config.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the traffic director.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    RunCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws InterruptedException {
        // native epoll: SO_REUSEPORT, so each event loop gets its own DNS socket
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        Director director;
        try {
            director = Director.deploy(vertx, DirectorOptions.of(config, env))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close(vertx);
            if (e.getCause() instanceof ConfigException ce) {
                ce.problems().stream().map(ConfigProblem::toString).forEach(spec.commandLine().getErr()::println);
                return ValidateCommand.INVALID;
            }
            spec.commandLine().getErr().println("meridian run: cannot start: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            close(vertx);
            spec.commandLine().getErr().println("meridian run: start did not finish within 60 s");
            return 1;
        }
        Signals.onHangup(() -> director.port().reload());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: closing listeners (operator overrides are saved as they are made)");
            close(vertx);
            stopped.countDown();
        }, "meridian-shutdown"));
        stopped.await();
        return 0;
    }

    /** Undeploys everything (the director saves its state on stop); bounded so a stuck close cannot hang exit. */
    static void close(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown did not complete cleanly", e);
        }
    }
}
