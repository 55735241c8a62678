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

    record Address(InetAddress address) implements Target {
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String text() {
            return address.getHostAddress();
        }
    }

    /** The target as configured and as the API prints it. */
    String text();
}
