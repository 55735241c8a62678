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
    DIRECTOR_STALLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
