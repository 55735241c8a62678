package io.meridian.director.it;

import java.util.concurrent.TimeUnit;

/**
 * Hosts of our own in network namespaces: one bridge (198.18.0.1, this host's side) and N
 * namespaces 198.18.0.11, .12, ... on it. Partitions are blackhole routes between namespaces,
 * both ways, so each keeps reaching the bridge (the gateways, the test). Needs root and iproute2;
 * {@link #available()} says whether this machine can. Delete with {@link #close()}.
 */
final class Namespaces implements AutoCloseable {
    static final String HOST = "198.18.0.1";

    private final String prefix;
    private final int count;
    private boolean made;

    /** @param tag distinguishes concurrent users (say a PID) */
    Namespaces(String tag, int count) {
        this.prefix = "mer" + tag;
        this.count = count;
    }

    static boolean available() throws Exception {
        String probe = "mer" + ProcessHandle.current().pid() + "probe";
        return sh("ip netns add " + probe + " && ip netns del " + probe) == 0;
    }

    String ns(int i) {
        return prefix + "d" + i;
    }

    static String address(int i) {
        return "198.18.0.1" + i;
    }

    Namespaces create() throws Exception {
        made = true;
        run("ip link add " + prefix + "br type bridge && ip addr add " + HOST + "/24 dev " + prefix + "br && ip link set "
                + prefix + "br up");
        for (int i = 1; i <= count; i++) {
            run("ip netns add " + ns(i) + " && ip link add " + prefix + "v" + i + " type veth peer name eth0 netns " + ns(i)
                    + " && ip link set " + prefix + "v" + i + " master " + prefix + "br up"
                    + " && ip -n " + ns(i) + " addr add " + address(i) + "/24 dev eth0"
                    + " && ip -n " + ns(i) + " link set eth0 up && ip -n " + ns(i) + " link set lo up");
        }
        return this;
    }

    /** Cuts namespace {@code i} off from every other namespace (not from the bridge). */
    void cut(int i) throws Exception {
        routes(i, "add");
    }

    void heal(int i) throws Exception {
        routes(i, "del");
    }

    private void routes(int i, String verb) throws Exception {
        for (int j = 1; j <= count; j++) {
            if (j != i) {
                run("ip -n " + ns(i) + " route " + verb + " blackhole " + address(j) + "/32");
                run("ip -n " + ns(j) + " route " + verb + " blackhole " + address(i) + "/32");
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (made) {
            for (int i = 1; i <= count; i++) {
                sh("ip netns del " + ns(i));
            }
            sh("ip link del " + prefix + "br");
        }
    }

    static int sh(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    static void run(String command) throws Exception {
        if (sh(command) != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }
}
