package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-written literal parser against the JDK's own formatting, on random addresses
 * (seeded, so a failure reproduces). Runs of zero groups are made likely, since that is
 * where IPv6 compression goes wrong.
 */
class IpLiteralsTest {
    private final SplittableRandom random = new SplittableRandom(20261125L);

    @Test
    void ipv6RoundTripsThroughBothForms() throws UnknownHostException {
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[16];
            for (int g = 0; g < 8; g++) {
                int v = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
                bytes[2 * g] = (byte) (v >> 8);
                bytes[2 * g + 1] = (byte) v;
            }
            String jdk = java.net.Inet6Address.getByAddress(null, bytes, -1).getHostAddress();
            InetAddress fromJdkForm = IpLiterals.parse(jdk).orElseThrow(() -> new AssertionError(jdk));
            assertThat(fromJdkForm.getAddress()).as(jdk).isEqualTo(bytes);
            String ours = IpLiterals.format(fromJdkForm);
            assertThat(IpLiterals.parse(ours)).as(ours).hasValueSatisfying(a -> assertThat(a.getAddress()).isEqualTo(bytes));
            assertThat(ours).as("RFC 5952: lower case, no run of one zero group compressed").doesNotContain(":::")
                    .isEqualTo(ours.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void ipv4RoundTrips() throws UnknownHostException {
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[4];
            random.nextBytes(bytes);
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            assertThat(IpLiterals.parse(text)).as(text).hasValueSatisfying(a -> {
                assertThat(a.getAddress()).isEqualTo(bytes);
                assertThat(IpLiterals.format(a)).isEqualTo(text);
            });
        }
    }

    @Test
    void rfc5952Compression() {
        assertThat(IpLiterals.format(IpLiterals.parse("2001:db8:0:1:1:1:1:1").orElseThrow())).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpLiterals.format(IpLiterals.parse("2001:0:0:1:0:0:0:1").orElseThrow())).isEqualTo("2001:0:0:1::1");
        assertThat(IpLiterals.format(IpLiterals.parse("2001:db8:0:0:1:0:0:1").orElseThrow())).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiterals.format(IpLiterals.parse("0:0:0:0:0:0:0:0").orElseThrow())).isEqualTo("::");
    }
}
