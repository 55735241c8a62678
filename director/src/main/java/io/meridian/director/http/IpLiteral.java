package io.meridian.director.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;

/** Parses IP literals only: never a DNS lookup. */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address, or null when {@code text} is not an IPv4 or IPv6 literal (brackets allowed). */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return NetUtil.createInetAddressFromIpAddressString(bare);
    }
}
