package io.meridian.dns;

import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Starting and stopping a real server in an IT, each step bounded by 30 s. */
final class Servers {

    private Servers() {
    }

    /** Starts the server; its first bound address. */
    static InetSocketAddress start(DnsServer server) throws Exception {
        server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server.boundAddresses().get(0);
    }

    static void stop(Vertx vertx, DnsServer server) throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
