package io.meridian.director.http;

import java.net.InetAddress;

/** Which address an HTTP request is decided for. */
final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The socket peer, or, when {@code trustForwardedFor} is set, the first (client-most)
     * entry of X-Forwarded-For that is an IP literal. Literals only: never a DNS lookup.
     */
    static InetAddress of(String peer, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
            InetAddress parsed = IpLiteral.parse(first);
            if (parsed != null) {
                return parsed;
            }
        }
        return IpLiteral.parse(peer);
    }
}
