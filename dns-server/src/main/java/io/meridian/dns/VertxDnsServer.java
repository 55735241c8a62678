package io.meridian.dns;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys one {@link DnsVerticle} per instance, each on its own event loop. The first binds
 * the configured ports (0 = any); the others bind the ports it got.
 */
final class VertxDnsServer implements DnsServer {

    private static final Logger LOG = LoggerFactory.getLogger(VertxDnsServer.class);

    private final Vertx vertx;
    private final DnsServerOptions options;
    private final QueryHandler handler;
    private final AtomicInteger tcpConnections = new AtomicInteger();
    private final List<String> deployments = new ArrayList<>();
    private volatile List<InetSocketAddress> bound = List.of();
    private UdpSockets udp;

    VertxDnsServer(Vertx vertx, DnsServerOptions options, QueryHandler handler) {
        this.vertx = vertx;
        this.options = options;
        this.handler = handler;
    }

    @Override
    public Future<Void> start() {
        boolean reusePort = vertx.isNativeTransportEnabled();
        int instances = reusePort ? options.instances() : 1;
        if (!reusePort && options.instances() > 1) {
            LOG.info("native transport unavailable: one DNS socket per address instead of {}", options.instances());
        }
        try {
            udp = UdpSockets.open(options.transport(), handler, instances);
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        DnsVerticle first = new DnsVerticle(options.listen(), handler, udp, options, tcpConnections, reusePort);
        Future<Void> chain = vertx.deployVerticle(first).map(id -> {
            deployments.add(id);
            bound = first.bound();
            return null;
        });
        for (int i = 1; i < instances; i++) {
            chain = chain.compose(v -> vertx.deployVerticle(
                    new DnsVerticle(bound, handler, udp, options, tcpConnections, true)).map(id -> {
                        deployments.add(id);
                        return null;
                    }));
        }
        return chain.onSuccess(v -> bound.forEach(a -> LOG.info("DNS listening on {} (UDP over {} and TCP, {} socket(s) each)",
                        NetUtil.toSocketAddressString(a), udp.transport().configName(), instances)))
                .recover(e -> stop().transform(ignored -> Future.failedFuture(e)));
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        return bound;
    }

    @Override
    public Future<Void> stop() {
        List<Future<Void>> undeploys = new ArrayList<>();
        for (String id : deployments) {
            undeploys.add(vertx.undeploy(id));
        }
        deployments.clear();
        UdpSockets sockets = udp;
        udp = null;
        return Future.join(undeploys).transform(v -> sockets == null ? Future.succeededFuture() : sockets.shutdown());
    }
}
