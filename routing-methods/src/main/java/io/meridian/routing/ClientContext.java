package io.meridian.routing;

import java.net.Inet4Address;
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
        int max = bits(address);
        if (sourcePrefix < 0 || sourcePrefix > max) {
            throw new IllegalArgumentException("sourcePrefix: " + sourcePrefix + " (expected: 0.." + max + ")");
        }
    }

    public static ClientContext ofAddress(InetAddress address) {
        return new ClientContext(address, bits(address), false);
    }

    /** 32 or 128, without copying the address out as {@code getAddress()} would. */
    private static int bits(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    public static ClientContext ofSubnet(InetAddress address, int sourcePrefix) {
        return new ClientContext(address, sourcePrefix, true);
    }
}
