package io.meridian.dns;

import static io.meridian.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.Decision;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The metrics hooks see qtype, rcode and the decision of every query, cached or not. */
class QueryHandlerTest {

    record Call(int qtype, int rcode, String profile, List<String> endpoints) { }

    @Test
    void reportsEveryQueryWithItsDecision() {
        List<Call> calls = new ArrayList<>();
        int[] dropped = {0};
        DnsMetrics metrics = new DnsMetrics() {
            @Override
            public void answered(int qtype, int rcode, Decision d, long nanos) {
                assertThat(nanos).isPositive();
                calls.add(new Call(qtype, rcode, d == null ? null : d.profile(),
                        d == null ? List.of() : d.answers().stream().map(e -> e.name()).toList()));
            }

            @Override
            public void dropped() {
                dropped[0]++;
            }
        };
        QueryHandler handler = new QueryHandler(new DnsResponder(1232), Fixtures::snapshot, metrics);
        InetAddress from = InetAddress.getLoopbackAddress();
        handler.handle(query("api.tm.example.test", Type.A).toWire(), from, false);
        handler.handle(query("api.tm.example.test", Type.A).toWire(), from, false); // from the cache
        handler.handle(query("dual.tm.example.test", Type.AAAA).toWire(), from, true);
        handler.handle(query("nx.tm.example.test", Type.MX).toWire(), from, false);
        handler.handle(new byte[] {1, 2, 3}, from, false);
        assertThat(calls).containsExactly(
                new Call(Type.A, Rcode.NOERROR, "api", List.of("e1")),
                new Call(Type.A, Rcode.NOERROR, "api", List.of("e1")),
                new Call(Type.AAAA, Rcode.NOERROR, "dual", List.of("e1", "e2")),
                new Call(Type.MX, Rcode.NXDOMAIN, null, List.of()));
        assertThat(dropped[0]).isEqualTo(1);
    }
}
