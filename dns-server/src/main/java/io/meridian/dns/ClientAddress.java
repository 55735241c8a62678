package io.meridian.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 client address as an {@code int}, read without allocating: {@link InetAddress#getAddress()}
 * copies into a new array on every call, which RRL and server cookies would pay per response. The
 * JDK's {@code Inet4Address.hashCode()} is the address itself (it has been since Java 1.0); that is
 * checked once, when the class loads, and without it the bytes are read the allocating way.
 */
final class ClientAddress {

    private static final boolean HASH_IS_ADDRESS = hashIsAddress();

    private ClientAddress() {
    }

    /** The IPv4 address {@code a} (an {@link Inet4Address}) in network byte order. */
    static int ipv4(InetAddress a) {
        if (HASH_IS_ADDRESS) {
            return a.hashCode();
        }
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    private static boolean hashIsAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) 201}).hashCode() == 0xc63364c9
                    && InetAddress.getByAddress(new byte[] {10, 0, 0, 1}).hashCode() == 0x0a000001;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }
}
