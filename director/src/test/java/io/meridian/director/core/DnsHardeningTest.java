package io.meridian.director.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.config.ConfigLoader;
import io.meridian.config.MeridianConfig;
import io.meridian.dns.DnsResponder;
import io.meridian.dns.DnsSnapshot;
import io.meridian.dns.Zone;
import io.meridian.routing.GeoLocator;
import io.meridian.routing.HealthView;
import io.meridian.routing.RoutingTable;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** SPEC section 10 from the config: the NSID default, and cookies that verify across a cluster. */
class DnsHardeningTest {
    private static final String ZONES = """
            dns:
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            """;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static MeridianConfig config(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of()).orElseThrow();
    }

    private static String clustered(String node) {
        return ZONES + """
                cluster:
                  node: %s
                  secret: correct-horse-battery-staple
                """.formatted(node);
    }

    @Test
    void theNsidIsTheConfiguredOneElseTheClusterNodeElseNone() {
        assertThat(DnsHardening.nsid(config(ZONES))).isEmpty();
        assertThat(DnsHardening.nsid(config(clustered("westus2")))).contains("westus2");
        assertThat(DnsHardening.nsid(config(ZONES.replace("dns:\n", "dns:\n  nsid: edge-1\n")))).contains("edge-1");
        assertThat(DnsHardening.rateLimiter(config(ZONES), InstantSource.system())).as("off unless configured").isNull();
        assertThat(DnsHardening.rateLimiter(config(ZONES.replace("dns:\n", "dns:\n  rateLimit: {responsesPerSecond: 7}\n")),
                InstantSource.system()).settings().responsesPerSecond()).isEqualTo(7);
    }

    @Test
    void aServerCookieFromOneDirectorOfTheClusterVerifiesOnAnother() throws Exception {
        DnsResponder westus2 = responder(clustered("westus2"));
        DnsResponder eastasia = responder(clustered("eastasia"));
        DnsResponder alone = responder(ZONES);
        InetAddress client = InetAddress.getByName("127.0.0.1");
        byte[] clientCookie = {1, 2, 3, 4, 5, 6, 7, 8};
        DnsSnapshot snapshot = DnsSnapshot.of(List.of(Zone.of("tm.example.test", List.of("ns1.tm.example.test"),
                "hostmaster.tm.example.test", Duration.ofSeconds(30))),
                RoutingTable.compile(List.of(), HealthView.of(Map.of()), GeoLocator.none()));
        Message first = westus2.respond(query(new CookieOption(clientCookie)), client, snapshot, new SplittableRandom(1));
        byte[] server = ((CookieOption) first.getOPT().getOptions(EDNSOption.Code.COOKIE).get(0)).getServerCookie()
                .orElseThrow();
        byte[] again = query(new CookieOption(clientCookie, server)).toWire();
        assertThat(eastasia.hasValidServerCookie(again, client)).isTrue();
        assertThat(alone.hasValidServerCookie(again, client)).as("a director outside the cluster").isFalse();
    }

    private DnsResponder responder(String yaml) throws Exception {
        return DnsHardening.responder(vertx, config(yaml), InstantSource.system())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Message query(EDNSOption option) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString("tm.example.test."), Type.SOA, 1));
        m.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(option)), Section.ADDITIONAL);
        return m;
    }
}
