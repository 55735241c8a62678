package io.meridian.routing;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The client a decision is made for: the EDNS Client Subnet when the query carried one,
 * otherwise the resolver's (or HTTP client's) address as a full-length prefix.
 *
 * @param address      the address (for ECS, the subnet address with host bits zero)
 * @param sourcePrefix how many leading bits of {@code address} are meaningful
 * @param fromEcs      whether it came from an EDNS Client Subnet option
 */
public record ClientContext(InetAddress address, int sourcePrefix, boolean fromEcs) {
    public ClientContext {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (sourcePrefix < 0 || sourcePrefix > max) {
            throw new IllegalArgumentException("sourcePrefix: " + sourcePrefix + " (expected: 0.." + max + ")");
        }
    }

    public static ClientContext ofAddress(InetAddress address) {
        return new ClientContext(address, address.getAddress().length * 8, false);
    }

    public static ClientContext ofSubnet(InetAddress address, int sourcePrefix) {
        return new ClientContext(address, sourcePrefix, true);
    }
}
