package io.meridian.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/** An IP literal and a port: {@code 127.0.0.1:5353} or {@code [::1]:5353}. Port 0 means "any free port". */
public record IpPort(InetAddress address, int port) {
    static final String EXPECTED = "IPv4:port or [IPv6]:port, such as 127.0.0.1:5353 or [::1]:5353";

    public IpPort {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String a = IpLiterals.format(address);
        return (IpLiterals.isV4(address) ? a : "[" + a + "]") + ":" + port;
    }

    /** For constants known to be valid. */
    static IpPort literal(String text) {
        try {
            return parser(0).parse(text);
        } catch (BadValue e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses {@code addr:port}; {@code minPort} is 0 for listen addresses and 1 for probe targets. */
    static ValueParser<IpPort> parser(int minPort) {
        return text -> {
            String t = text.strip();
            String host;
            String port;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                    throw BadValue.expected(text, EXPECTED);
                }
                host = t.substring(1, close);
                port = t.substring(close + 2);
            } else {
                int colon = t.lastIndexOf(':');
                if (colon < 0 || t.indexOf(':') != colon) {
                    throw BadValue.expected(text, EXPECTED);
                }
                host = t.substring(0, colon);
                port = t.substring(colon + 1);
            }
            InetAddress address = IpLiterals.parse(host)
                    .filter(a -> t.startsWith("[") != IpLiterals.isV4(a))
                    .orElseThrow(() -> BadValue.expected(text, EXPECTED + "; host names are not looked up"));
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < minPort || Integer.parseInt(port) > 65535) {
                throw BadValue.expected(text, "a port " + minPort + "..65535 after the address");
            }
            return new IpPort(address, Integer.parseInt(port));
        };
    }
}
