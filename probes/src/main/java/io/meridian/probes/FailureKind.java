package io.meridian.probes;

import java.util.Locale;

/** Why a probe failed; the first matching row of {@code docs/probing.md} "Failure kinds". */
public enum FailureKind {
    /** The connection was actively refused (nothing listens on the port). */
    CONNECT_REFUSED,
    /** The whole probe (connect, TLS, headers, body) did not finish within {@code timeout}. */
    TIMEOUT,
    /** The peer reset or closed the connection before a complete answer. */
    RESET,
    /** The TLS handshake failed: untrusted chain, wrong host name, protocol error. */
    TLS,
    /** The HTTP status is outside {@code expectedStatusCodes}. */
    BAD_STATUS,
    /** The first 64 KiB of the body do not contain {@code expectBody}. */
    BODY_MISMATCH,
    /** Anything else, for example an unresolvable host name. */
    OTHER,
    /**
     * Not the gateway's failure: the probe timed out while the director's own event loop ran late (blocked,
     * starved of CPU, paused by GC) by more than a tenth of the timeout. Never counts toward degraded, and
     * the endpoint's health does not change (docs/probing.md, "Overload").
     */
    DIRECTOR_STALLED,
    /**
     * Not the gateway's failure: the director could not open or connect a socket for the probe because it ran
     * out of its own resources (file descriptors, socket buffers, ephemeral ports: EMFILE, ENFILE, ENOBUFS,
     * ENOMEM, EADDRNOTAVAIL). Treated as {@link #DIRECTOR_STALLED}: health unchanged, no retry.
     */
    DIRECTOR_RESOURCES;

    /** The director's own failure, never held against the gateway. */
    public boolean directorsOwn() {
        return this == DIRECTOR_STALLED || this == DIRECTOR_RESOURCES;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
