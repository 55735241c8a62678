package io.meridian.director.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tcpdump of loopback traffic on some TCP ports, for "nothing in clear" checks; absent tcpdump, nothing is captured. */
final class Capture {
    private final Path file;
    private final Process process;

    private Capture(Path file, Process process) {
        this.file = file;
        this.process = process;
    }

    /**
     * @param ports    the ports whose traffic to capture
     * @param excluded ports to leave out: a connection from another loopback address (127.0.0.2, a
     *                 director's probe to a gateway) may get one of {@code ports} as its ephemeral port
     */
    static Capture start(Path file, List<Integer> ports, List<Integer> excluded) throws Exception {
        if (new ProcessBuilder("bash", "-c", "command -v tcpdump").start().waitFor() != 0) {
            return new Capture(file, null);
        }
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-i", "lo", "-U", "-s", "0", "-w", file.toString()));
        cmd.add("(" + String.join(" or ", ports.stream().map(p -> "tcp port " + p).toList()) + ")"
                + (excluded.isEmpty() ? "" : " and not (" + String.join(" or ",
                excluded.stream().map(p -> "tcp port " + p).toList()) + ")"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(file.resolveSibling("tcpdump.log")
                .toFile()).start();
        // tcpdump says "listening on lo" once it captures
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && p.isAlive()
                && !Files.readString(file.resolveSibling("tcpdump.log")).contains("listening on")) {
            TimeUnit.MILLISECONDS.sleep(50); // polling a child process's output, not synchronising threads
        }
        return new Capture(file, p.isAlive() ? p : null);
    }

    boolean available() {
        return process != null;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    byte[] bytes() throws IOException {
        return Files.readAllBytes(file);
    }

    static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
