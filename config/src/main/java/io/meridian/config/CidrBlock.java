package io.meridian.config;

import java.net.InetAddress;
import java.util.Objects;

/** An IPv4 or IPv6 network with its host bits zero, such as {@code 203.0.113.0/24} or {@code ::/0}. */
public record CidrBlock(InetAddress network, int prefix) {
    static final String EXPECTED = "a CIDR such as 203.0.113.0/24 or 2001:db8::/32";

    public CidrBlock {
        Objects.requireNonNull(network, "network");
        int max = network.getAddress().length * 8;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix: " + prefix + " (expected: 0.." + max + ")");
        }
        if (!hostBitsZero(network.getAddress(), prefix)) {
            throw new IllegalArgumentException("network: " + network + " has host bits set for /" + prefix);
        }
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefix;
    }

    static CidrBlock parse(String text) throws BadValue {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw BadValue.expected(text, EXPECTED + "; the /prefix is required");
        }
        InetAddress address = IpLiterals.parse(t.substring(0, slash))
                .orElseThrow(() -> BadValue.expected(text, EXPECTED));
        int max = address.getAddress().length * 8;
        String p = t.substring(slash + 1);
        if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max || (p.length() > 1 && p.charAt(0) == '0')) {
            throw BadValue.expected(text, "a prefix length 0.." + max);
        }
        int prefix = Integer.parseInt(p);
        byte[] bytes = address.getAddress();
        if (!hostBitsZero(bytes, prefix)) {
            for (int i = 0; i < bytes.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - 8 * i));
                bytes[i] &= (byte) (0xff << (8 - keep));
            }
            InetAddress network = IpLiterals.fromBytes(bytes);
            throw new BadValue(BadValue.show(text) + " has host bits set (expected: "
                    + IpLiterals.format(network) + "/" + prefix + ")");
        }
        return new CidrBlock(address, prefix);
    }

    private static boolean hostBitsZero(byte[] bytes, int prefix) {
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }
}
