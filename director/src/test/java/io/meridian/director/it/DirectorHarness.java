package io.meridian.director.it;

import io.meridian.director.core.Director;
import io.meridian.director.core.Director.DirectorOptions;
import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real director on loopback (ports chosen by the OS) in front of simulated regional
 * gateways, with a real DNS client and HTTP client.
 */
final class DirectorHarness implements AutoCloseable {
    static final String TOKEN = "test-token";
    static final List<String> REGIONS = List.of("westus2", "westeurope", "eastasia");

    static {
        // The redirector is chosen by Host; the JDK client only sends a custom Host when allowed.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    final Vertx vertx = Vertx.vertx();
    final List<SimulatedGateway> gateways = new ArrayList<>();
    final Path configFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    Director director;

    private DirectorHarness(Path dir) {
        this.configFile = dir.resolve("meridian.yaml");
    }

    /** Starts one gateway per region, writes {@code yaml.apply(ports)} and deploys a director on it. */
    static DirectorHarness start(Path dir, Function<List<Integer>, String> yaml) throws Exception {
        DirectorHarness h = new DirectorHarness(dir);
        for (String region : REGIONS) {
            h.gateways.add(await(new SimulatedGateway(h.vertx, region, "127.0.0.1", 0).start()));
        }
        Files.writeString(h.configFile, yaml.apply(h.ports()));
        h.deploy();
        return h;
    }

    List<Integer> ports() {
        return gateways.stream().map(SimulatedGateway::actualPort).toList();
    }

    void deploy() throws Exception {
        director = await(Director.deploy(vertx, DirectorOptions.of(configFile, Map.of()).withCoalesce(Duration.ZERO)));
    }

    void undeploy() throws Exception {
        await(vertx.undeploy(director.deploymentID()));
    }

    SimulatedGateway gateway(String region) {
        return gateways.get(REGIONS.indexOf(region));
    }

    /** Stops a gateway; {@link #restart} brings it back on the same port. */
    void stop(String region) throws Exception {
        await(gateway(region).stop());
    }

    void restart(String region) throws Exception {
        int index = REGIONS.indexOf(region);
        int port = gateways.get(index).actualPort();
        gateways.set(index, await(new SimulatedGateway(vertx, region, "127.0.0.1", port).start()));
    }

    Message query(String name, int type) throws IOException {
        InetSocketAddress dns = director.dnsAddresses().get(0);
        SimpleResolver resolver = new SimpleResolver(dns);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
    }

    /** The rdata of the first answer record: a CNAME target (with dot) or an address. */
    String answer(String name) throws IOException {
        List<Record> answers = query(name, Type.A).getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : answers.get(0).rdataToString();
    }

    HttpResponse<String> http(String method, String path, String body, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + director.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http("GET", path, null, null, Map.of());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
    }

    /**
     * A priority profile {@code contoso} over the three gateways (host targets, so answers are
     * CNAMEs naming the region), probed every second: degraded after one failure.
     */
    static String priorityConfig(List<Integer> ports, String extraProfileKeys) {
        StringBuilder y = new StringBuilder("""
                dns:
                  listen: ["127.0.0.1:0"]
                  zones:
                    - name: tm.example.test
                      nameservers: [ns1.tm.example.test]
                      hostmaster: hostmaster.example.test
                      negativeTtl: 30s
                http:
                  listen: "127.0.0.1:0"
                  apiToken: %s
                state:
                  file: state.json
                profiles:
                  - name: contoso
                    domain: contoso.tm.example.test
                    redirectHost: api.contoso.test
                    routing: priority
                    ttl: 10s
                %s    monitor:
                      protocol: HTTP
                      path: /status-0123456789abcdef
                      interval: 1s
                      timeout: 300ms
                      toleratedFailures: 0
                      retryInterval: 200ms
                      recoverAfter: 1
                    endpoints:
                """.formatted(TOKEN, extraProfileKeys));
        for (int i = 0; i < REGIONS.size(); i++) {
            y.append("""
                          - name: %s
                            target: contoso-%s-01.regional.azure-api.net
                            region: %s
                            probeAddress: 127.0.0.1:%d
                            priority: %d
                    """.formatted(REGIONS.get(i), REGIONS.get(i), REGIONS.get(i), ports.get(i), i + 1));
        }
        return y.toString();
    }

    static String host(String region) {
        return "contoso-" + region + "-01.regional.azure-api.net.";
    }
}
