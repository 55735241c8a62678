package io.meridian.director;

import io.meridian.director.cli.MeridianCommand;

/** The {@code meridian} command line: {@code run}, {@code validate}, {@code demo}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MeridianCommand.commandLine(System.getenv()).execute(args));
    }
}
