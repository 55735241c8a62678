package io.meridian.director.http;

import io.meridian.config.IpLiterals;
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
            InetAddress parsed = literal(last);
            if (parsed != null) {
                return parsed;
            }
        }
        return literal(peer);
    }

    /** The address, or null when {@code text} is not an IPv4 or IPv6 literal (brackets allowed). */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return IpLiterals.parse(bare).orElse(null);
    }
}
