package io.meridian.director.demo;

import io.meridian.director.core.Director;
import io.meridian.director.core.Director.DirectorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code meridian demo}: three simulated regional gateways on loopback and a director for
 * them, with one profile per routing method. Everything listens on 127.0.0.1 only.
 */
public final class Demo {
    private final Vertx vertx;
    private final List<SimulatedGateway> gateways;
    private final Director director;
    private final Path configFile;
    private final boolean geoip;

    private Demo(Vertx vertx, List<SimulatedGateway> gateways, Director director, Path configFile, boolean geoip) {
        this.vertx = vertx;
        this.gateways = gateways;
        this.director = director;
        this.configFile = configFile;
        this.geoip = geoip;
    }

    /**
     * Starts the gateways, writes the demo config into {@code workDir}, and starts a director.
     *
     * @param geoipDatabase     the MaxMind test database, or null to run without GeoIP
     * @param fixedGatewayPorts gateways on 9101..9103 (what the printed commands say), else on free ports
     */
    public static Future<Demo> start(Vertx vertx, Path workDir, String dnsListen, String httpListen, Path geoipDatabase,
                                     boolean fixedGatewayPorts) {
        List<SimulatedGateway> gateways = new ArrayList<>();
        List<Future<SimulatedGateway>> started = new ArrayList<>();
        for (DemoConfig.Region r : DemoConfig.REGIONS) {
            SimulatedGateway g = new SimulatedGateway(vertx, r.name(), "127.0.0.1", fixedGatewayPorts ? r.port() : 0);
            gateways.add(g);
            started.add(g.start());
        }
        Path config = workDir.resolve("meridian-demo.yaml");
        return Future.all(started)
                .compose(v -> vertx.executeBlocking(() -> {
                    Files.writeString(config, DemoConfig.yaml(dnsListen, httpListen, geoipDatabase,
                            workDir.resolve("meridian-demo-state.json"),
                            gateways.stream().map(SimulatedGateway::actualPort).toList()));
                    return config;
                }))
                .compose(path -> Director.deploy(vertx, DirectorOptions.of(path, Map.of())))
                .map(d -> new Demo(vertx, gateways, d, config, geoipDatabase != null));
    }

    public Director director() {
        return director;
    }

    public List<SimulatedGateway> gateways() {
        return gateways;
    }

    public Future<Void> stop() {
        List<Future<Void>> stops = new ArrayList<>();
        gateways.forEach(g -> stops.add(g.stop()));
        return vertx.undeploy(director.deploymentID()).eventually(() -> Future.all(stops)).mapEmpty();
    }

    /** The commands printed for the user, ready to paste. */
    public String instructions() {
        String dns = director.dnsAddresses().get(0).getAddress().getHostAddress();
        int dnsPort = director.dnsAddresses().get(0).getPort();
        String http = "http://127.0.0.1:" + director.httpPort();
        String dig = "dig @" + dns + " -p " + dnsPort + " +norec ";
        String z = DemoConfig.ZONE;
        StringBuilder s = new StringBuilder();
        s.append("\nStatus page: ").append(http).append("/   (open it in a browser; the API token is ")
                .append(DemoConfig.TOKEN).append(")\n");
        s.append("\nMeridian demo is running. Config: ").append(configFile).append("\n\n");
        s.append("Simulated regional gateways (status path ").append(SimulatedGateway.STATUS_PATH).append("):\n");
        for (int i = 0; i < gateways.size(); i++) {
            DemoConfig.Region r = DemoConfig.REGIONS.get(i);
            s.append(String.format("  %-11s http://127.0.0.1:%d  answers as %s / %s%n", r.name(),
                    gateways.get(i).actualPort(), r.host(), r.address()));
        }
        s.append("\nAsk the DNS server (one profile per routing method, zone ").append(z).append("):\n");
        s.append("  ").append(dig).append("priority.").append(z).append(" A\n");
        s.append("  ").append(dig).append("weighted.").append(z).append(" A\n");
        s.append("  ").append(dig).append("multivalue.").append(z).append(" A\n");
        s.append("  ").append(dig).append(z).append(" SOA\n");
        if (geoip) {
            s.append("  ").append(dig).append("performance.").append(z).append(" A +subnet=81.2.69.142/31     # London\n");
            s.append("  ").append(dig).append("performance.").append(z).append(" A +subnet=216.160.83.56/29   # Milton, WA (Seattle area)\n");
            s.append("  ").append(dig).append("geographic.").append(z).append(" A +subnet=2001:218::/32      # Tokyo, Japan\n");
        } else {
            s.append("  (no GeoIP database found: performance and geographic answer as if the client location were unknown)\n");
        }
        s.append("  ").append(dig).append("subnet.").append(z).append(" A +subnet=175.16.199.0/24\n");
        s.append("\nAsk the API:\n");
        s.append("  curl -s ").append(http).append("/api/v1/profiles/priority\n");
        s.append("  curl -s '").append(http).append("/api/v1/resolve?name=performance.").append(z)
                .append("&type=A&client=81.2.69.142'\n");
        s.append("  curl -s ").append(http).append("/metrics | grep -E '^meridian_(endpoint_up|profile_fail_open)'\n");
        s.append("  curl -si -H 'Host: api.demo.meridian.test' '").append(http).append("/orders/42?expand=items'   # HTTP redirect\n");
        s.append("\nDisable a region as an operator (and enable it again):\n");
        s.append("  curl -s -X PATCH -H 'Authorization: Bearer ").append(DemoConfig.TOKEN)
                .append("' -d '{\"enabled\": false}' ").append(http).append("/api/v1/profiles/priority/endpoints/westus2\n");
        s.append("  curl -s -X PATCH -H 'Authorization: Bearer ").append(DemoConfig.TOKEN)
                .append("' -d '{\"enabled\": true}' ").append(http).append("/api/v1/profiles/priority/endpoints/westus2\n");
        s.append("\nTake a region out of every profile at once, with a reason (add \"until\": an RFC 3339 time to let it lapse),\n"
                + "see it, and bring it back:\n");
        s.append("  curl -s -X PATCH -H 'Authorization: Bearer ").append(DemoConfig.TOKEN)
                .append("' -d '{\"enabled\": false, \"reason\": \"patching\"}' ").append(http).append("/api/v1/regions/westus2\n");
        s.append("  curl -s '").append(http).append("/api/v1/events?limit=5'\n");
        s.append("  curl -s -X PATCH -H 'Authorization: Bearer ").append(DemoConfig.TOKEN)
                .append("' -d '{\"enabled\": true}' ").append(http).append("/api/v1/regions/westus2\n");
        s.append("\nMake a region fail and recover, then repeat the priority dig (failover within about 3 s):\n");
        String westus2 = "http://127.0.0.1:" + gateways.get(0).actualPort();
        s.append("  curl -s -X POST ").append(westus2).append("/_demo/fail      # westus2 answers 500\n");
        s.append("  curl -s -X POST ").append(westus2).append("/_demo/hang      # westus2 stops answering\n");
        s.append("  curl -s -X POST ").append(westus2).append("/_demo/recover\n");
        if (geoip) {
            latencyLab(s, http, dig, z);
        }
        s.append("\nPress Ctrl-C to stop.\n");
        return s.toString();
    }

    /** How to watch a client network flip from the model's answer to the measured one. */
    private void latencyLab(StringBuilder s, String http, String dig, String z) {
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            samples.append(i == 0 ? "" : ", ").append("{\"region\": \"eastasia\", \"rttMs\": 20}, ")
                    .append("{\"region\": \"westeurope\", \"rttMs\": 150}, {\"region\": \"westus2\", \"rttMs\": 200}");
        }
        s.append("\nLatency lab: London is nearest to westeurope by the model; tell Meridian it measured eastasia\n"
                + "fastest from 81.2.69.0/24 (5 samples per region, minSamples), and its answer flips:\n");
        s.append("  ").append(dig).append("performance.").append(z).append(" A +subnet=81.2.69.142/31     # before: westeurope\n");
        s.append("  curl -s -X POST -H 'Authorization: Bearer ").append(DemoConfig.TOKEN)
                .append("' -H 'Content-Type: application/json' -d '{\"client\": \"81.2.69.142\", \"samples\": [")
                .append(samples).append("]}' ").append(http).append("/api/v1/measurements\n");
        s.append("  ").append(dig).append("performance.").append(z).append(" A +subnet=81.2.69.142/31     # after: eastasia, scope /24\n");
        s.append("  curl -s '").append(http).append("/api/v1/latency?client=81.2.69.142'\n");
        s.append("  curl -s '").append(http).append("/api/v1/resolve?name=performance.").append(z)
                .append("&client=81.2.69.142/31'\n");
        s.append("In a browser: slow regions down, then open any page with <script src=\"").append(http)
                .append("/rum.js\"></script>;\nit times each gateway's /_demo/beacon and posts for your own network"
                        + " (ask about 127.0.0.1):\n");
        for (int i = 0; i < gateways.size(); i++) {
            if (i > 0) {
                s.append("  curl -s -X POST 'http://127.0.0.1:").append(gateways.get(i).actualPort())
                        .append("/_demo/delay?ms=").append(100 * i).append("'   # ")
                        .append(DemoConfig.REGIONS.get(i).name()).append(' ').append(100 * i).append(" ms away\n");
            }
        }
        s.append("  curl -s '").append(http).append("/api/v1/latency?client=127.0.0.1'\n");
    }

    /** The MaxMind test database next to the checkout ({@code ../shared/geoip}), if there is one. */
    public static Path findTestDatabase(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/geoip/GeoLite2-City-Test.mmdb");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
