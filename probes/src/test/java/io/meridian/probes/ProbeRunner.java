package io.meridian.probes;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs single probes on one Vert.x context, as the monitor would, and waits (bounded) for the outcome. */
final class ProbeRunner implements AutoCloseable {
    static final MonitorSettings HTTP = MonitorSettings.defaults(MonitorSettings.Protocol.HTTP)
            .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(100));

    private final Context context;
    private final NetClient tcp;
    private final HttpProbe httpProbe;
    private final TcpProbe tcpProbe;

    ProbeRunner(Vertx vertx, MonitorOptions options) {
        this.context = vertx.getOrCreateContext();
        this.tcp = vertx.createNetClient();
        this.httpProbe = new HttpProbe((VertxInternal) vertx, (ContextInternal) context, InstantSource.system(), options);
        this.tcpProbe = new TcpProbe(vertx, tcp, InstantSource.system());
    }

    static ProbeTarget target(String hostName, int port, MonitorSettings settings) {
        return new ProbeTarget(hostName, "127.0.0.1", port, settings);
    }

    ProbeOutcome run(ProbeTarget target) throws Exception {
        Probe probe = target.settings().protocol() == MonitorSettings.Protocol.TCP ? tcpProbe : httpProbe;
        CompletableFuture<ProbeOutcome> result = new CompletableFuture<>();
        context.runOnContext(v -> probe.run(target).onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        httpProbe.close().await(10, TimeUnit.SECONDS);
        tcp.close().await(10, TimeUnit.SECONDS);
    }
}
