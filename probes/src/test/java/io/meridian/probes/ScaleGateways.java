package io.meridian.probes;

import com.sun.management.OperatingSystemMXBean;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateways of the probe-scale benchmark, in their own JVM so that the prober's CPU, heap and file
 * descriptors are measured alone (not a test). Binds G HTTP servers answering 200 "OK" on
 * 127.1.0.1..127.1.0.G (port 0 each) plus a control server on 127.0.0.1 (port 0) that answers
 * {@code GET /cpu} with this process's CPU time in nanoseconds and {@code GET /requests} with the number of
 * requests its gateways have answered so far (warm-up included; take differences), so a prober or a peer
 * (bench/probe-scale/peer-haproxy) can read both at the edges of its measured window; any other path gets a
 * 404. When listening it prints one line to stdout:
 *
 * <pre>
 * ready control=127.0.0.1:PORT gateways=127.1.0.1:PORT,127.1.0.2:PORT,...
 * </pre>
 *
 * <p>Before it reports ready it answers {@code --warm-requests} requests (default 20,000, each on a fresh
 * connection, from a client in this JVM): a cold gateway JVM is slow for its first second or so of load
 * (measured: 163 probe timeouts in the prober's first second against an unwarmed one, all counted as false
 * degradations), and the benchmark's gateways are meant to be healthy ones.
 *
 * <p>{@code --server netty} (the default) answers with {@link CannedGatewayHandler} on Netty directly
 * (Vert.x's event loops, epoll), {@code --server vertx} with a Vert.x HTTP server per address (the gateways
 * of every figure before the evening session of 2026-12-02 in docs/BENCHMARKS.md): the Vert.x server took
 * 0.7-0.9 cores of the two at 5,000-9,000 fresh connections/s, and the gateways are not meant to compete
 * with the prober for them.
 *
 * <p>It stops by itself when stdin reaches end of file (its parent, {@code bench/probe-scale/run},
 * closed the pipe or died) or after the lifetime, whichever comes first, and then prints its total CPU
 * seconds to stderr. Run through {@code bench/probe-scale/run}.
 *
 * <pre>
 * args: --gateways G --lifetime S [--warm-requests N] [--server netty|vertx]
 * </pre>
 */
public final class ScaleGateways {
    private ScaleGateways() {
    }

    public static void main(String[] args) throws Exception {
        int gateways = 40;
        int lifetime = 600;
        int warmRequests = 20_000;
        boolean netty = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateways" -> gateways = Integer.parseInt(args[++i]);
                case "--lifetime" -> lifetime = Integer.parseInt(args[++i]);
                case "--warm-requests" -> warmRequests = Integer.parseInt(args[++i]);
                case "--server" -> netty = switch (args[++i]) {
                    case "netty" -> true;
                    case "vertx" -> false;
                    default -> throw new IllegalArgumentException("--server netty|vertx, got " + args[i]);
                };
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (gateways < 1 || gateways > 250 || lifetime < 1 || lifetime > 7200 || warmRequests < 0 || warmRequests > 1_000_000) {
            throw new IllegalArgumentException("gateways 1..250, lifetime 1..7200 s, warm-requests 0..1000000");
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long wallStart = System.nanoTime();

        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)); // as the prober (epoll)
        LongAdder answered = new LongAdder(); // every event loop adds; the control server sums
        List<Future<Integer>> listening = new ArrayList<>(); // the port of each gateway
        for (int g = 1; g <= gateways; g++) {
            String host = "127.1.0." + g;
            listening.add(netty ? cannedServer((VertxInternal) vertx, host, answered)
                    // One server per address; Vert.x spreads its connections over the event loops.
                    : vertx.createHttpServer().requestHandler(r -> {
                        answered.increment();
                        r.response().end("OK");
                    }).listen(0, host).map(HttpServer::actualPort));
        }
        HttpServer control = vertx.createHttpServer()
                .requestHandler(r -> {
                    switch (r.path()) {
                        case "/cpu" -> r.response().end(Long.toString(os.getProcessCpuTime()));
                        case "/requests" -> r.response().end(Long.toString(answered.sum()));
                        default -> r.response().setStatusCode(404).end("GET /cpu or /requests\n");
                    }
                })
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        List<SocketAddress> addresses = new ArrayList<>();
        for (Future<Integer> port : listening) {
            addresses.add(SocketAddress.inetSocketAddress(port.await(10, TimeUnit.SECONDS),
                    "127.1.0." + (addresses.size() + 1)));
        }
        warmUp(vertx, addresses, warmRequests);
        StringBuilder ready = new StringBuilder("ready control=127.0.0.1:").append(control.actualPort())
                .append(" gateways=");
        for (int g = 0; g < gateways; g++) {
            ready.append(g == 0 ? "" : ",").append("127.1.0.").append(g + 1).append(':').append(addresses.get(g).port());
        }
        System.out.println(ready);
        System.out.flush();

        CountDownLatch stop = new CountDownLatch(1);
        Thread stdinWatch = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent sends nothing; end of file is the signal
                }
            } catch (IOException e) {
                // a broken stdin means the parent is gone, same as end of file
            }
            stop.countDown();
        }, "stdin-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        boolean parentDone = stop.await(lifetime, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
        System.err.printf("gateways: stopped (%s); gateway JVM cpu %.1f s in %.1f s wall%n",
                parentDone ? "stdin closed" : "lifetime of " + lifetime + " s reached",
                os.getProcessCpuTime() / 1e9, (System.nanoTime() - wallStart) / 1e9);
        System.exit(0);
    }

    /** A {@link CannedGatewayHandler} server on {@code host}, port 0, on the Vert.x event loops (epoll). */
    private static Future<Integer> cannedServer(VertxInternal vertx, String host, LongAdder answered) {
        Promise<Integer> port = Promise.promise();
        new ServerBootstrap()
                .group(vertx.acceptorEventLoopGroup(), vertx.nettyEventLoopGroup())
                .channelFactory(vertx.transport().serverChannelFactory(false))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new CannedGatewayHandler(answered));
                    }
                })
                .bind(host, 0)
                .addListener((ChannelFuture bound) -> {
                    if (bound.isSuccess()) {
                        port.complete(((InetSocketAddress) bound.channel().localAddress()).getPort());
                    } else {
                        port.fail(bound.cause());
                    }
                });
        return port.future();
    }

    /** {@code count} requests round-robin over the gateways, 64 at a time, each on a fresh connection; at most 60 s. */
    private static void warmUp(Vertx vertx, List<SocketAddress> gateways, int count) throws Exception {
        if (count == 0) {
            return;
        }
        long start = System.nanoTime();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(64));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<Void>> chains = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            chains.add(chain(client, gateways, next, count, failed));
        }
        Future.join(chains).await(60, TimeUnit.SECONDS);
        client.close().await(10, TimeUnit.SECONDS);
        System.err.printf("gateways: warmed up with %d requests in %.1f s (%d failed)%n", count,
                (System.nanoTime() - start) / 1e9, failed.get());
    }

    private static Future<Void> chain(HttpClient client, List<SocketAddress> gateways, AtomicInteger next, int count,
                                      AtomicInteger failed) {
        int i = next.getAndIncrement();
        if (i >= count) {
            return Future.succeededFuture();
        }
        SocketAddress gateway = gateways.get(i % gateways.size());
        return client.request(new RequestOptions().setServer(gateway).setURI("/status-0123456789abcdef"))
                .compose(request -> request.send().compose(HttpClientResponse::body))
                .<Void>mapEmpty()
                .recover(e -> {
                    failed.incrementAndGet();
                    return Future.succeededFuture();
                })
                .compose(v -> chain(client, gateways, next, count, failed));
    }
}
