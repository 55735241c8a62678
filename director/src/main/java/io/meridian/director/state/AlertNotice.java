package io.meridian.director.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert of an Alertmanager webhook notification (payload version 4), as far as Meridian reads it.
 *
 * @param fingerprint Alertmanager's identity of the alert
 * @param firing      its status: firing, else resolved
 * @param labels      its labels; {@code meridian_region} and {@code meridian_endpoint} name what it degrades
 * @param endsAt      when it stops counting; null for Alertmanager's zero time (none)
 */
public record AlertNotice(String fingerprint, boolean firing, Map<String, String> labels, Instant endsAt) {
    public static final String REGION_LABEL = "meridian_region";
    public static final String ENDPOINT_LABEL = "meridian_endpoint";

    public AlertNotice {
        Objects.requireNonNull(fingerprint, "fingerprint");
        labels = Map.copyOf(labels);
    }

    /** Its {@code alertname}, or the fingerprint when it has none. */
    public String name() {
        return labels.getOrDefault("alertname", fingerprint);
    }

    /** Whether it counts at {@code now}: firing and not past a non-zero {@code endsAt}. */
    public boolean activeAt(Instant now) {
        return firing && (endsAt == null || now.isBefore(endsAt));
    }
}
