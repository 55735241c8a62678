package io.meridian.probes;

import java.util.Locale;
import java.util.Objects;

/**
 * One probe: where to connect, as whom, and how to judge the answer. It is a value: two
 * endpoints (of one profile or of several) whose targets are equal share one probe and one
 * health state, so a gateway behind ten profiles is probed once per interval, not ten times.
 *
 * @param hostName       the endpoint's target host name, the default Host header, SNI name and name the
 *                       certificate is verified against; {@code null} for IP targets
 * @param connectAddress host name or IP literal to connect to ({@code probeAddress}, else the target)
 * @param port           port to connect to
 */
public record ProbeTarget(String hostName, String connectAddress, int port, MonitorSettings settings) {
    public ProbeTarget {
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

    /** For logs: {@code https://host@127.0.0.1:9001/status}. */
    @Override
    public String toString() {
        String scheme = settings.protocol().name().toLowerCase(Locale.ROOT);
        String address = connectAddress.indexOf(':') >= 0 ? "[" + connectAddress + "]" : connectAddress;
        String path = settings.protocol() == MonitorSettings.Protocol.TCP ? "" : settings.path();
        return scheme + "://" + effectiveHost() + "@" + address + ":" + port + path;
    }
}
