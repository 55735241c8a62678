package io.meridian.routing;

import java.net.InetAddress;
import java.util.Objects;

/** What an answer points at: a host name (answered as CNAME) or an address (A/AAAA). */
public sealed interface Target permits Target.Host, Target.Address {

    /** A DNS name, lower case, without the trailing dot. */
    record Host(String name) implements Target {
        public Host {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return name;
        }
    }

    /**
     * An address and its text as the config writes it (RFC 5952 for IPv6), so the API and the
     * redirector print what the operator configured. The config module formats it; this module
     * has no formatter of its own.
     */
    record Address(InetAddress address, String text) implements Target {
        public Address {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The target as configured and as the API prints it. */
    String text();
}
