package io.meridian.director.latency;

import java.util.Locale;

/** A measurement request refused whole (the table is not touched), with its HTTP status and metric reason. */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, as the {@code reason} label of {@code meridian_latency_rejected_total}, and the status it gets. */
    public enum Reason {
        CONTENT_TYPE(415),
        MALFORMED(400),
        TOO_LARGE(413),
        TOO_MANY(400),
        RTT(400),
        REGION(400),
        UNAUTHORIZED(401),
        ORIGIN(403),
        RATE_LIMITED(429);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public Rejection(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
