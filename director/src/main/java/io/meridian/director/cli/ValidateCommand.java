package io.meridian.director.cli;

import io.meridian.config.ConfigProblem;
import io.meridian.config.ConfigResult;
import io.meridian.config.MeridianConfig;
import io.meridian.director.core.LoadedConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian validate --config FILE}: exit 0 and one "ok" line on stdout for a valid file;
 * exit 2 and one {@code FILE:LINE:COLUMN: path: message} line per problem on stderr otherwise.
 * Beyond the file itself it checks what the service would trip over at start: the GeoIP database opens.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a configuration file and print every problem in it.")
final class ValidateCommand implements Callable<Integer> {
    static final int INVALID = 2;

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    ValidateCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        ConfigResult result = LoadedConfig.check(config, env);
        if (!result.isValid()) {
            for (ConfigProblem p : result.problems()) {
                spec.commandLine().getErr().println(p);
            }
            spec.commandLine().getErr().flush();
            return INVALID;
        }
        MeridianConfig c = result.orElseThrow();
        int endpoints = c.profiles().stream().mapToInt(p -> p.endpoints().size()).sum();
        spec.commandLine().getOut().println(config + ": ok (" + count(c.profiles().size(), "profile") + ", "
                + count(endpoints, "endpoint") + ", " + count(c.dns().zones().size(), "zone") + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
