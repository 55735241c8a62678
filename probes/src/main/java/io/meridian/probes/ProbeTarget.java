package io.meridian.probes;

import io.meridian.routing.EndpointId;
import java.util.Objects;

/**
 * What to probe for one endpoint. The director builds it from the endpoint's {@code target},
 * {@code probeAddress} and the effective monitor settings.
 *
 * @param hostName       the endpoint's target host name, the default Host header, SNI name and name the
 *                       certificate is verified against; {@code null} for IP targets
 * @param connectAddress host name or IP literal to connect to ({@code probeAddress}, else the target)
 * @param port           port to connect to
 */
public record ProbeTarget(EndpointId id, String hostName, String connectAddress, int port, MonitorSettings settings) {
    public ProbeTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectAddress, "connectAddress");
        Objects.requireNonNull(settings, "settings");
        if (connectAddress.isBlank()) {
            throw new IllegalArgumentException("connectAddress: \"\" (expected: a host name or IP literal)");
        }
        if (hostName != null && hostName.isBlank()) {
            throw new IllegalArgumentException("hostName: \"" + hostName + "\" (expected: a host name or null)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /**
     * The name used as Host header, SNI and for certificate verification: the configured Host header,
     * else the target host name, else the connect address.
     */
    public String effectiveHost() {
        String header = settings.hostHeader();
        if (header != null) {
            return header;
        }
        return hostName != null ? hostName : connectAddress;
    }
}
