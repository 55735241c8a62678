package io.meridian.probes;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollSocketChannelConfig;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.TrustOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * HTTP and HTTPS probe on Netty's HTTP/1.1 response decoder, on the Vert.x event loops: GET {@code path},
 * check the status, then look for {@code expectBody} in at most the first {@link MonitorSettings#BODY_LIMIT}
 * bytes. One timer bounds the whole exchange (connect, TLS, headers, body). The request bytes are encoded
 * once per target. With {@code keepAlive} a connection whose answer was read to its end is kept, idle, for
 * the next probe with the same address, port, Host and TLS settings; without it every probe opens and closes
 * its own connection. A probe runs on its I/O loop (the monitor's own, or one of {@code ioEventLoops}, the
 * same one for a target every time) and completes on the monitor's context. On Netty's native epoll transport a
 * fresh plain-HTTP probe (the default kind) skips the channel and its pipeline: it goes on a raw socket with the
 * same decoder ({@link EpollHttpConnection}); HTTPS and kept-alive connections stay on Netty channels.
 *
 * <p>Replaced the general-purpose Vert.x HttpClient (a connection pool, request and response objects and a
 * request queue per exchange), which took most of the monitor's loop at 10,000 endpoints (ADR 0013).
 */
final class HttpProbe implements Probe {
    /** A connect still pending when its probe timed out gives up after this at the latest (it is closed sooner). */
    static final Duration CONNECT_CEILING = Duration.ofSeconds(10);
    /** An idle keep-alive connection is closed after this (the Vert.x client's default). */
    static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig().setValidateHeaders(false);
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    static {
        Failures.load(); // its first use may come when the director is out of file descriptors
    }

    private final VertxInternal vertx;
    private final ContextInternal context;
    private final InstantSource clock;
    private final boolean keepAlive;
    private final InetSocketAddress localAddress;
    private final SslContext verifying;
    private final SslContext trustingAll;
    private final IoLoop[] loops;
    /** Encoded requests, on the monitor's context only; weak, so targets no longer probed drop out. */
    private final Map<ProbeTarget, byte[]> requests = new WeakHashMap<>();
    private volatile boolean closed;

    /**
     * @param context the monitor's context: {@link #run} is called and completes on it
     */
    HttpProbe(VertxInternal vertx, ContextInternal context, InstantSource clock, MonitorOptions options) {
        this.vertx = vertx;
        this.context = context;
        this.clock = clock;
        this.keepAlive = options.keepAlive();
        this.localAddress = options.localAddress() == null ? null
                : new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(options.localAddress()), 0);
        try {
            TrustOptions trust = options.trust();
            this.verifying = SslContextBuilder.forClient()
                    .trustManager(trust == null ? null : trust.getTrustManagerFactory(vertx))
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
            this.trustingAll = SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS for HTTPS probes: " + e.getMessage(), e);
        }
        int count = Math.max(1, options.ioEventLoops());
        this.loops = new IoLoop[count];
        for (int i = 0; i < count; i++) {
            EventLoop loop = options.ioEventLoops() == 0 ? context.nettyEventLoop()
                    : vertx.nettyEventLoopGroup().next();
            loops[i] = new IoLoop(loop);
        }
    }

    static long ceilMillis(Duration d) {
        return Math.max(1, (d.toNanos() + 999_999) / 1_000_000);
    }

    @Override
    public Future<ProbeOutcome> run(ProbeTarget target) {
        Promise<ProbeOutcome> promise = context.promise();
        byte[] request = requests.computeIfAbsent(target, t -> encode(t, keepAlive));
        IoLoop loop = loops[loops.length == 1 ? 0 : Math.floorMod(target.hashCode(), loops.length)];
        Exchange exchange = new Exchange(loop, target, request, promise);
        if (loop.eventLoop.inEventLoop()) {
            exchange.start();
        } else {
            loop.eventLoop.execute(exchange::start);
        }
        return promise.future();
    }

    /** Closes every connection, idle or in use; probes still in flight end as RESET. Safe from any thread. */
    Future<Void> close() {
        closed = true;
        List<Future<Void>> all = new ArrayList<>();
        for (IoLoop loop : loops) {
            Promise<Void> done = Promise.promise();
            loop.eventLoop.execute(() -> {
                loop.close();
                done.complete();
            });
            all.add(done.future());
        }
        return Future.join(all).mapEmpty();
    }

    /** {@code GET path HTTP/1.1}, Host (with the port unless it is the scheme's), the configured headers. */
    static byte[] encode(ProbeTarget target, boolean keepAlive) {
        MonitorSettings settings = target.settings();
        boolean https = settings.protocol() == MonitorSettings.Protocol.HTTPS;
        String host = target.effectiveHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        StringBuilder s = new StringBuilder(128).append("GET ").append(settings.path()).append(" HTTP/1.1\r\nHost: ")
                .append(host);
        if (target.port() != (https ? 443 : 80)) {
            s.append(':').append(target.port());
        }
        s.append("\r\n");
        for (Map.Entry<String, String> header : settings.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) {
                s.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        if (!keepAlive) {
            s.append("Connection: close\r\n");
        }
        return s.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Who may share a kept-alive connection: same address, port, Host/SNI name and TLS settings. */
    private record PoolKey(String address, int port, String host, boolean https, boolean verify) {
        static PoolKey of(ProbeTarget target) {
            MonitorSettings s = target.settings();
            return new PoolKey(target.connectAddress(), target.port(), target.effectiveHost(),
                    s.protocol() == MonitorSettings.Protocol.HTTPS, s.tlsVerify());
        }
    }

    /** One I/O event loop's bootstrap and connections; touched on that loop only. */
    private final class IoLoop {
        final EventLoop eventLoop;
        final Bootstrap bootstrap;
        /** For IPv4 targets on epoll: an IPv4 socket instead of the transport's dual-stack one. */
        final Bootstrap ipv4;
        /** Fresh plain-HTTP probes go on raw sockets ({@link EpollHttpConnection}) on an epoll loop. */
        final boolean epoll;
        final Map<PoolKey, ArrayDeque<Connection>> idle = new HashMap<>();
        final Set<Channel> open = new HashSet<>();
        final EpollHttpConnection.Open direct = new EpollHttpConnection.Open();
        ScheduledFuture<?> sweep;

        IoLoop(EventLoop eventLoop) {
            this.eventLoop = eventLoop;
            this.bootstrap = bootstrap(vertx.transport().channelFactory(false));
            // Netty's epoll channels are IPv6 sockets, so each IPv4 connect goes through the kernel's IPv6
            // path first (tcp_v6_connect, then tcp_v4_connect, seen with perf) and binds a dual-stack socket.
            this.epoll = eventLoop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class);
            this.ipv4 = epoll ? bootstrap(() -> new EpollSocketChannel(SocketProtocolFamily.INET)) : bootstrap;
        }

        private Bootstrap bootstrap(ChannelFactory<? extends Channel> channels) {
            Bootstrap created = new Bootstrap()
                    .group(eventLoop)
                    // No TCP_NODELAY option: Netty's socket configs set it when they are made, and a second
                    // setsockopt per connection is one of the ~19 syscalls a fresh probe costs.
                    .channelFactory(channels)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_CEILING.toMillis())
                    .handler(NoHandler.INSTANCE);
            if (!keepAlive) {
                // The prober closes first, so each probe would leave a TIME_WAIT socket on this host:
                // at 10,000 probes/s the kernel's table sits at its cap (tcp_max_tw_buckets) and
                // connect() slows. Closing with a reset after the answer was read leaves none, as
                // HAProxy's health checks do; the gateway has sent its whole answer by then.
                created.option(ChannelOption.SO_LINGER, 0);
            }
            return created;
        }

        Bootstrap bootstrapFor(SocketAddress remote) {
            boolean v4 = remote instanceof InetSocketAddress socket && socket.getAddress() instanceof Inet4Address
                    && (localAddress == null || localAddress.getAddress() instanceof Inet4Address);
            return v4 ? ipv4 : bootstrap;
        }

        Connection idleConnection(PoolKey key, long now) {
            ArrayDeque<Connection> queue = idle.get(key);
            while (queue != null && !queue.isEmpty()) {
                Connection connection = queue.pollLast();
                if (queue.isEmpty()) {
                    idle.remove(key);
                }
                if (connection.channel.isActive() && now - connection.idleSince < KEEP_ALIVE_TIMEOUT.toNanos()) {
                    return connection;
                }
                connection.channel.close();
            }
            return null;
        }

        void release(Connection connection) {
            if (closed) {
                connection.channel.close();
                return;
            }
            connection.idleSince = System.nanoTime();
            idle.computeIfAbsent(connection.key, k -> new ArrayDeque<>(1)).addLast(connection);
            if (sweep == null) {
                long every = KEEP_ALIVE_TIMEOUT.toNanos() / 2;
                sweep = eventLoop.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.NANOSECONDS);
            }
        }

        /** Closes idle connections past the keep-alive timeout: targets no longer probed leave none behind. */
        void sweep() {
            long now = System.nanoTime();
            idle.values().removeIf(queue -> {
                queue.removeIf(c -> {
                    boolean stale = !c.channel.isActive() || now - c.idleSince >= KEEP_ALIVE_TIMEOUT.toNanos();
                    if (stale) {
                        c.channel.close();
                    }
                    return stale;
                });
                return queue.isEmpty();
            });
        }

        void close() {
            if (sweep != null) {
                sweep.cancel(false);
            }
            idle.clear();
            for (Channel channel : List.copyOf(open)) {
                channel.close();
            }
            direct.closeAll(); // their exchanges end as a reset
        }
    }

    /** The bootstrap's handler: the pipeline is set up per connection once it is registered. */
    @ChannelHandler.Sharable
    private static final class NoHandler extends ChannelInboundHandlerAdapter {
        static final NoHandler INSTANCE = new NoHandler();
    }

    /** One connection's last handler; it serves the exchange that currently uses the connection. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        final IoLoop loop;
        final PoolKey key;
        final Channel channel;
        Exchange exchange;
        long idleSince;

        Connection(IoLoop loop, PoolKey key, Channel channel) {
            this.loop = loop;
            this.key = key;
            this.channel = channel;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (exchange != null) {
                    exchange.read(msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (exchange != null) {
                exchange.closed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (exchange != null) {
                exchange.failed(cause);
            }
            ctx.close();
        }
    }

    private enum Phase { CONNECTING, WAITING, BODY, DRAINING, DONE }

    /** The state of one probe; lives on its I/O loop. */
    private final class Exchange implements Runnable, EpollHttpConnection.Listener {
        private final IoLoop loop;
        private final ProbeTarget target;
        private final MonitorSettings settings;
        private final byte[] request;
        private final Promise<ProbeOutcome> promise;
        private final Instant start = clock.instant();
        private Phase phase = Phase.CONNECTING;
        /** The outcome was handed over (it may complete the promise later, on the monitor's context). */
        private boolean decided;
        private Connection connection;
        /** Instead of {@link #connection}: a fresh plain-HTTP probe on an epoll loop. */
        private EpollHttpConnection direct;
        private ScheduledFuture<?> timer;
        private int status;
        private boolean reusable;
        private int bytesRead;
        private byte[] body;

        Exchange(IoLoop loop, ProbeTarget target, byte[] request, Promise<ProbeOutcome> promise) {
            this.loop = loop;
            this.target = target;
            this.settings = target.settings();
            this.request = request;
            this.promise = promise;
        }

        void start() {
            timer = loop.eventLoop.schedule(this, ceilMillis(settings.timeout()), TimeUnit.MILLISECONDS);
            if (closed) {
                fail(FailureKind.OTHER, "the monitor is stopping");
                return;
            }
            PoolKey key = PoolKey.of(target);
            Connection reused = keepAlive ? loop.idleConnection(key, System.nanoTime()) : null;
            if (reused != null) {
                attach(reused);
                send();
                return;
            }
            String address = target.connectAddress();
            byte[] literal = NetUtil.createByteArrayFromIpAddressString(address);
            if (literal != null) {
                try {
                    connect(key, new InetSocketAddress(InetAddress.getByAddress(literal), target.port()));
                } catch (java.net.UnknownHostException e) {
                    failed(e); // not for a literal
                }
                return;
            }
            vertx.nameResolver().resolve(loop.eventLoop, address).addListener(resolved -> {
                if (phase == Phase.DONE) {
                    return;
                }
                if (!resolved.isSuccess()) {
                    failed(resolved.cause());
                    return;
                }
                InetSocketAddress socket = (InetSocketAddress) resolved.getNow();
                connect(key, new InetSocketAddress(socket.getAddress(), target.port()));
            });
        }

        /** The probe's timer ran out. */
        @Override
        public void run() {
            fail(FailureKind.TIMEOUT, "no complete answer within " + settings.timeout());
        }

        private void connect(PoolKey key, InetSocketAddress remote) {
            if (loop.epoll && !keepAlive && !key.https()) {
                try {
                    direct = EpollHttpConnection.open((IoEventLoop) loop.eventLoop, loop.direct, ALLOC, DECODER,
                            remote, localAddress, this);
                } catch (Exception e) {
                    failed(e);
                }
                return;
            }
            loop.bootstrapFor(remote).register().addListener((ChannelFuture registered) -> {
                Channel channel = registered.channel();
                if (!registered.isSuccess()) {
                    // Never registered (its socket could not be made, e.g. out of file descriptors): this runs on
                    // Netty's global executor, and close() would throw for want of an event loop.
                    if (channel.isOpen()) { // Bootstrap hands a placeholder, never open, when the socket failed
                        channel.unsafe().closeForcibly();
                    }
                    Throwable cause = registered.cause();
                    loop.eventLoop.execute(() -> failed(cause));
                } else if (phase == Phase.DONE) {
                    channel.close(); // timed out meanwhile
                } else {
                    loop.open.add(channel);
                    channel.closeFuture().addListener(f -> loop.open.remove(channel));
                    connect(key, remote, channel);
                }
            });
        }

        private void connect(PoolKey key, SocketAddress remote, Channel channel) {
            if (channel.config() instanceof EpollSocketChannelConfig) {
                // As HAProxy's checks do: the handshake's last ACK waits for the request and rides on it, and
                // the answer is not ACKed before the close. Two packets fewer per fresh probe, and the gateway's
                // kernel sets up its socket once, with the request (perf: a third of connect()'s cost).
                channel.config().setOption(EpollChannelOption.TCP_QUICKACK, false);
            }
            Connection created = new Connection(loop, key, channel);
            attach(created);
            SslHandler ssl = key.https() ? sslHandler(channel, key) : null;
            if (ssl != null) {
                channel.pipeline().addLast(ssl);
            }
            channel.pipeline().addLast(new HttpResponseDecoder(DECODER)).addLast(created);
            ChannelFuture connected = localAddress == null ? channel.connect(remote) : channel.connect(remote, localAddress);
            connected.addListener(f -> {
                if (phase == Phase.DONE) {
                    return;
                }
                if (!f.isSuccess()) {
                    failed(f.cause());
                } else if (ssl == null) {
                    send();
                } else {
                    ssl.handshakeFuture().addListener(h -> {
                        if (phase == Phase.DONE) {
                            return;
                        }
                        if (h.isSuccess()) {
                            send();
                        } else {
                            failed(h.cause());
                        }
                    });
                }
            });
        }

        private SslHandler sslHandler(Channel channel, PoolKey key) {
            String host = key.host();
            SslHandler handler = (key.verify() ? verifying : trustingAll).newHandler(channel.alloc(), host, key.port());
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
                parameters.setServerNames(List.of(new SNIHostName(host))); // SNI even without verification
            }
            parameters.setEndpointIdentificationAlgorithm(key.verify() ? "HTTPS" : null);
            engine.setSSLParameters(parameters);
            return handler;
        }

        private void attach(Connection c) {
            connection = c;
            c.exchange = this;
        }

        @Override
        public void connected() {
            if (phase != Phase.DONE) {
                send();
            }
        }

        private void send() {
            phase = Phase.WAITING;
            if (direct != null) {
                direct.send(request);
                return;
            }
            connection.channel.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(f -> {
                if (!f.isSuccess() && phase != Phase.DONE) {
                    failed(f.cause());
                }
            });
        }

        @Override
        public void read(Object msg) {
            if (msg instanceof HttpResponse) {
                HttpResponse response = (HttpResponse) msg;
                if (response.decoderResult().isFailure()) {
                    failed(response.decoderResult().cause());
                    return;
                }
                int code = response.status().code();
                if (code >= 100 && code < 200 && code != 101) {
                    return; // informational: the answer follows
                }
                onResponse(response, code);
            }
            if (msg instanceof HttpContent) {
                HttpContent content = (HttpContent) msg;
                if (content.decoderResult().isFailure()) {
                    failed(content.decoderResult().cause());
                    return;
                }
                onContent(content.content(), msg instanceof LastHttpContent);
            }
        }

        private void onResponse(HttpResponse response, int code) {
            if (phase != Phase.WAITING) {
                return;
            }
            status = code;
            reusable = keepAlive && HttpUtil.isKeepAlive(response);
            if (!settings.statusExpected(code)) {
                ProbeOutcome bad = ProbeOutcome.failed(start, elapsed(), FailureKind.BAD_STATUS, code, "status " + code
                        + " (expected: " + settings.describeExpected() + ")");
                if (!reusable) {
                    complete(bad, true); // nothing to keep the connection for: no need to read the error page
                    return;
                }
                // Read and drop the error page so the connection can be kept; past the limit it is closed.
                phase = Phase.DRAINING;
                complete(bad, false);
                timer = loop.eventLoop.schedule(() -> close(), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
            phase = Phase.BODY;
            if (!settings.expectBody().isEmpty()) {
                body = new byte[256];
            }
        }

        private void onContent(ByteBuf chunk, boolean last) {
            if (phase == Phase.DRAINING) {
                bytesRead += chunk.readableBytes();
                if (bytesRead > MonitorSettings.BODY_LIMIT) {
                    close();
                } else if (last) {
                    timer.cancel(false);
                    finish();
                }
                return;
            }
            if (phase != Phase.BODY) {
                return;
            }
            int take = Math.min(chunk.readableBytes(), MonitorSettings.BODY_LIMIT - bytesRead);
            if (body != null && take > 0) {
                if (body.length < bytesRead + take) {
                    body = java.util.Arrays.copyOf(body, Math.min(MonitorSettings.BODY_LIMIT,
                            Math.max(body.length * 2, bytesRead + take)));
                }
                chunk.getBytes(chunk.readerIndex(), body, bytesRead, take);
            }
            bytesRead += take;
            if (bytesRead >= MonitorSettings.BODY_LIMIT && !last) {
                judge(true); // read no further: the rest is dropped with the connection
            } else if (last) {
                judge(false);
            }
        }

        private void judge(boolean truncated) {
            String expected = settings.expectBody();
            if (expected.isEmpty() || contains(body, bytesRead, expected.getBytes(StandardCharsets.UTF_8))) {
                complete(ProbeOutcome.succeeded(start, elapsed(), status), truncated);
            } else {
                fail(FailureKind.BODY_MISMATCH, "body does not contain \"" + expected + "\" in its first "
                        + bytesRead + " bytes");
            }
        }

        /** The connection closed under the exchange. */
        @Override
        public void closed() {
            if (phase == Phase.DRAINING) {
                timer.cancel(false);
                if (connection != null) {
                    connection.exchange = null;
                }
                phase = Phase.DONE;
            } else {
                fail(FailureKind.RESET, "connection closed before a complete answer");
            }
        }

        @Override
        public void failed(Throwable cause) {
            if (phase == Phase.DRAINING) {
                close();
            } else {
                fail(Failures.classify(cause), Failures.describe(cause));
            }
        }

        private void fail(FailureKind kind, String error) {
            complete(ProbeOutcome.failed(start, elapsed(), kind, status, error), true);
        }

        /** Decides the outcome (once); the connection is closed, or kept once the answer has been read to its end. */
        private void complete(ProbeOutcome outcome, boolean closeConnection) {
            if (phase == Phase.DONE || decided) {
                return;
            }
            decided = true;
            timer.cancel(false);
            if (context.nettyEventLoop().inEventLoop()) {
                promise.complete(outcome);
            } else {
                context.execute(() -> promise.complete(outcome));
            }
            if (closeConnection) {
                close();
            } else if (phase != Phase.DRAINING) {
                finish();
            }
        }

        /** The answer was read to its end: the connection goes back to the pool if it may be reused. */
        private void finish() {
            phase = Phase.DONE;
            if (direct != null) {
                direct.close();
                return;
            }
            if (connection == null) {
                return;
            }
            connection.exchange = null;
            if (reusable && connection.channel.isActive()) {
                loop.release(connection);
            } else {
                connection.channel.close();
            }
        }

        private void close() {
            phase = Phase.DONE;
            if (direct != null) {
                direct.close();
            }
            if (connection != null) {
                connection.exchange = null;
                connection.channel.close();
            }
        }

        private Duration elapsed() {
            Duration d = Duration.between(start, clock.instant());
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** Whether {@code haystack[0, length)} contains {@code needle}, byte for byte. */
    static boolean contains(byte[] haystack, int length, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
