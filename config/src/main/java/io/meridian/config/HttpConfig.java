package io.meridian.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP server: redirector, {@code /api/v1}, {@code /metrics}, {@code /healthz}, {@code /readyz}.
 *
 * @param apiToken          bearer token for changes through the API; empty = the API is read-only
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For}
 */
public record HttpConfig(IpPort listen, Optional<String> apiToken, boolean trustForwardedFor) {
    public HttpConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(apiToken, "apiToken");
    }

    @Override
    public String toString() {
        return "HttpConfig[listen=" + listen + ", apiToken=" + apiToken.map(t -> "***").orElse("none")
                + ", trustForwardedFor=" + trustForwardedFor + "]";
    }
}
