package io.meridian.routing;

import java.util.Locale;

/** Where the latency figures behind a performance decision came from, most specific first. */
public enum LatencySource {
    /** the client's own network (/24, /48): measured by its users */
    NETWORK,
    /** the client's country subdivision (US-WA): every network measured there */
    SUBDIVISION,
    /** the client's country */
    COUNTRY,
    /** the great-circle model from the client's GeoIP location */
    MODEL;

    /** As in metrics and the API: {@code network}, {@code country}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
