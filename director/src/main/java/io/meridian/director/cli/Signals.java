package io.meridian.director.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** POSIX signals the service reacts to, beyond the JVM's own SIGTERM/SIGINT shutdown. */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Runs {@code action} on SIGHUP (where the platform has it), the conventional "reload config". */
    static void onHangup(Runnable action) {
        try {
            Signal.handle(new Signal("HUP"), s -> {
                LOG.info("SIGHUP: reloading the config");
                action.run();
            });
        } catch (IllegalArgumentException e) {
            LOG.info("no SIGHUP on this platform; reload through the API or by editing the file");
        }
    }
}
