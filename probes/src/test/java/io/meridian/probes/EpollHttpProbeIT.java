package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpProbeIT} on native epoll, where fresh plain-HTTP probes go on raw sockets and keep-alive ones on
 * Netty channels; and the raw connection on its own.
 */
class EpollHttpProbeIT extends HttpProbeIT {
    @Override
    Vertx newVertx() {
        Vertx epoll = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        if (!epoll.isNativeTransportEnabled()) {
            epoll.close();
            Assumptions.abort("no native transport: " + epoll.unavailableNativeTransportCause());
        }
        return epoll;
    }

    /** What a raw connection told its listener, in order: "connected", "status N", "content ...", "last", "closed". */
    private List<String> exchange(int port, String request) throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        context.runOnContext(v -> {
            EpollHttpConnection.Listener listener = new EpollHttpConnection.Listener() {
                EpollHttpConnection connection;

                @Override
                public void connected() {
                    heard.add("connected");
                }

                @Override
                public void read(Object message) {
                    if (message instanceof HttpResponse response) {
                        heard.add("status " + response.status().code());
                    }
                    if (message instanceof HttpContent content && content.content().isReadable()) {
                        heard.add("content " + content.content().toString(StandardCharsets.UTF_8));
                    }
                    if (message instanceof LastHttpContent) {
                        heard.add("last");
                    }
                }

                @Override
                public void closed() {
                    heard.add("closed");
                    ended.complete(null);
                }

                @Override
                public void failed(Throwable cause) {
                    ended.completeExceptionally(cause);
                }
            };
            try {
                EpollHttpConnection c = EpollHttpConnection.open((IoEventLoop) context.nettyEventLoop(),
                        new EpollHttpConnection.Open(), PooledByteBufAllocator.DEFAULT, new HttpDecoderConfig(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, listener);
                c.send(request.getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                ended.completeExceptionally(e);
            }
        });
        try {
            ended.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no end within 10 s; heard " + heard, e);
        }
        return heard;
    }

    @Test
    void aRawConnectionConnectsSendsAndDecodesTheWholeAnswerUntilTheGatewayCloses() throws Exception {
        List<String> heard = exchange(gatewayPort(),
                "GET /ok HTTP/1.1\r\nHost: gw.example.test\r\nConnection: close\r\n\r\n");
        assertThat(heard).containsExactly("connected", "status 200", "content fine", "last", "closed");
    }

    @Test
    void aRawConnectionToAPortNobodyListensOnIsRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        int closed = port;
        assertThat(catchThrowable(() -> exchange(closed, "GET / HTTP/1.1\r\n\r\n")))
                .hasRootCauseInstanceOf(ConnectException.class)
                .rootCause().hasMessageContaining("refused");
    }
}
