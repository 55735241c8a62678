package io.meridian.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Parses IPv4 and IPv6 address literals into bytes by hand. Nothing here ever resolves a name:
 * {@code InetAddress.getByName} would start a DNS lookup for anything that is not a literal.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** The address, or empty when the text is not an IPv4 or IPv6 literal. */
    public static Optional<InetAddress> parse(String text) {
        byte[] bytes = text.indexOf(':') >= 0 ? v6(text) : v4(text);
        return bytes == null ? Optional.empty() : Optional.of(fromBytes(bytes));
    }

    /** 4 bytes give IPv4, 16 give IPv6 (kept IPv6 even for ::ffff:a.b.c.d). */
    static InetAddress fromBytes(byte[] bytes) {
        try {
            // Inet6Address.getByAddress keeps ::ffff:a.b.c.d an IPv6 address (a CIDR prefix of 96 must stay valid)
            return bytes.length == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte array is always an address", e);
        }
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    /** How the config writes an address: dotted quad, or RFC 5952 compressed IPv6. */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    static byte[] v4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // leading zeros are refused: 010 is octal to some tools and decimal to others
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] v6(String text) {
        if (text.isEmpty() || text.indexOf('%') >= 0) {
            return null;
        }
        int dbl = text.indexOf("::");
        if (dbl >= 0 && text.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? text.substring(0, dbl) : text;
        String tail = dbl >= 0 ? text.substring(dbl + 2) : "";
        byte[] h = groups(head, dbl < 0);
        byte[] t = dbl >= 0 ? groups(tail, true) : new byte[0];
        if (h == null || t == null) {
            return null;
        }
        int used = h.length + t.length;
        if (dbl < 0 ? used != 16 : used > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad when {@code last} is set. */
    private static byte[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        byte[] out = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] quad = v4(p);
                if (quad == null) {
                    return null;
                }
                System.arraycopy(quad, 0, out, n, 4);
                n += 4;
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            int v = Integer.parseInt(p, 16);
            out[n++] = (byte) (v >> 8);
            out[n++] = (byte) v;
        }
        return Arrays.copyOf(out, n);
    }
}
