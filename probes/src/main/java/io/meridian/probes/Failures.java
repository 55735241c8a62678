package io.meridian.probes;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Maps what Vert.x and Netty throw to a {@link FailureKind}; the one place that knows their exceptions. */
final class Failures {
    private Failures() {
    }

    /**
     * Runs {@link #classify} and {@link #describe} once, through every branch, so that this class and the exception
     * types it tests for are loaded while the director can still open files. Out of file descriptors, a class not yet
     * loaded cannot be (from a class directory, each class is a file to open): the failure that needed it threw
     * {@code NoClassDefFoundError} on the event loop, never completed, and counted as the gateway's {@code TIMEOUT}
     * (the 25,000-endpoint keep-alive bench, 2026-12-04: 5,106 false degradations). The probes call it when their
     * class is initialised, before their first probe.
     */
    static void load() {
        IOException sample = new IOException("load", new IOException()); // matches no kind: every branch runs
        classify(sample);
        describe(sample);
    }

    /** The kind of the first cause in the chain that says something definite, else OTHER. */
    static FailureKind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            FailureKind kind = kindOf(t);
            if (kind != FailureKind.OTHER) {
                return kind;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureKind.OTHER;
    }

    /** strerror(3) texts of the errors that say the director, not the gateway, ran out of something. */
    private static final List<String> DIRECTOR_RESOURCES = List.of("too many open files", // EMFILE, ENFILE
            "no buffer space available", // ENOBUFS
            "cannot allocate memory", // ENOMEM
            "cannot assign requested address"); // EADDRNOTAVAIL: no ephemeral port left

    private static FailureKind kindOf(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        for (String resource : DIRECTOR_RESOURCES) {
            if (message.contains(resource)) {
                return FailureKind.DIRECTOR_RESOURCES;
            }
        }
        if (t instanceof SSLException) {
            return FailureKind.TLS;
        }
        if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) {
            return FailureKind.TIMEOUT;
        }
        if (t instanceof ConnectException) {
            return message.contains("refused") ? FailureKind.CONNECT_REFUSED : FailureKind.OTHER;
        }
        if (t instanceof HttpClosedException || t instanceof ClosedChannelException
                || t instanceof PrematureChannelClosureException
                || (t instanceof IOException && (message.contains("reset") || message.contains("broken pipe")))) {
            return FailureKind.RESET;
        }
        if (t instanceof UnknownHostException) {
            return FailureKind.OTHER;
        }
        return FailureKind.OTHER;
    }

    /** The outermost message, plus the root cause's when it adds something. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = messageOf(error);
        String inner = messageOf(root);
        return root == error || outer.contains(inner) ? outer : outer + " (" + inner + ")";
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
