package io.meridian.director.http;

import java.net.InetAddress;

/** Which address an HTTP request is decided for. */
final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The socket peer, or, when {@code trustForwardedFor} is set, the last X-Forwarded-For
     * entry: the one our trusted proxy appended. Entries left of it are whatever the client
     * sent, so they are never believed. Literals only: never a DNS lookup.
     */
    static InetAddress of(String peer, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
            InetAddress parsed = IpLiteral.parse(last);
            if (parsed != null) {
                return parsed;
            }
        }
        return IpLiteral.parse(peer);
    }
}
