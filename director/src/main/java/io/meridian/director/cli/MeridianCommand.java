package io.meridian.director.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; without a subcommand it prints the usage. */
@Command(name = "meridian",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Global traffic director: health-checked authoritative DNS and HTTP redirects.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure", "2:invalid configuration or usage"})
public final class MeridianCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The command line with every subcommand; {@code env} feeds {@code ${NAME}} in config files. */
    public static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new MeridianCommand())
                .addSubcommand("run", new RunCommand(env))
                .addSubcommand("validate", new ValidateCommand(env))
                .addSubcommand("demo", new DemoCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
