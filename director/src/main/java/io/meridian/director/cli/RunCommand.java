package io.meridian.director.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian run --config FILE}: the service. Placeholder until the director is wired. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the traffic director.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("meridian run: not built yet");
        return 1;
    }
}
