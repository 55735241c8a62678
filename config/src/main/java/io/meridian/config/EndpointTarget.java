package io.meridian.config;

import java.net.InetAddress;
import java.util.Objects;

/** What an endpoint answers: a host name (a CNAME answer) or an IP address (an A or AAAA answer). */
public sealed interface EndpointTarget permits EndpointTarget.Host, EndpointTarget.Ip {

    /** A DNS name, lower case, without the trailing dot. */
    record Host(String name) implements EndpointTarget {
        public Host {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return name;
        }
    }

    record Ip(InetAddress address) implements EndpointTarget {
        public Ip {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String text() {
            return IpLiterals.format(address);
        }
    }

    /** The target as the config writes it. */
    String text();

}
