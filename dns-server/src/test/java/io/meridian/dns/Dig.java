package io.meridian.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ISC dig (package dnsutils) against a server on 127.0.0.1, as operators and resolvers query it. */
final class Dig {

    private Dig() {
    }

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "dig").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** dig's output for {@code @127.0.0.1 -p port} and the arguments; options given as one string are split at spaces. */
    static String run(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port)));
        for (String a : args) {
            for (String word : a.split(" ")) {
                if (!word.isBlank()) {
                    cmd.add(word);
                }
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
