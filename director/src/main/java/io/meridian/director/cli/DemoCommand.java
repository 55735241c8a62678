package io.meridian.director.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meridian demo}: simulated gateways and a director. Placeholder until the demo exists. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start three simulated regional gateways and a director for them.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("meridian demo: not built yet");
        return 1;
    }
}
