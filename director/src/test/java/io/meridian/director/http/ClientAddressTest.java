package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {
    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\", trusted {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | 203.0.113.9              | false | 127.0.0.1",
        "127.0.0.1 |                          | true  | 127.0.0.1",
        "127.0.0.1 | 203.0.113.9              | true  | 203.0.113.9",
        // the left entries are the client's own claims; only the proxy's appended one counts
        "127.0.0.1 | 192.0.2.66, 203.0.113.9  | true  | 203.0.113.9",
        "127.0.0.1 | 2001:db8::7              | true  | 2001:db8:0:0:0:0:0:7",
        "127.0.0.1 | [2001:db8::7]            | true  | 2001:db8:0:0:0:0:0:7",
        // never a DNS lookup: a name falls back to the peer
        "127.0.0.1 | client.example.test      | true  | 127.0.0.1",
    })
    void decidesFromThePeerOrTheTrustedProxysEntry(String peer, String forwardedFor, boolean trusted, String expected) {
        assertThat(ClientAddress.of(peer, forwardedFor, trusted).getHostAddress()).isEqualTo(expected);
    }
}
