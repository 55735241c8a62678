package io.meridian.routing;

import java.net.InetAddress;
import java.util.Objects;

/** An IPv4 or IPv6 network: address with host bits zero, and prefix length. */
public record Cidr(InetAddress network, int prefix) {
    public Cidr {
        Objects.requireNonNull(network, "network");
        int max = network.getAddress().length * 8;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix: " + prefix + " (expected: 0.." + max + ")");
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
