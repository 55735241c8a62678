package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/stream} over a real connection, as any tool would read it (no browser):
 * the whole state at once, changes within a second or two, the last state on reconnect, a
 * bounded number of clients.
 */
class StatusStreamIT {
    @TempDir
    static Path dir;
    private static DirectorHarness h;
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        h = DirectorHarness.start(dir, ports -> DirectorHarness.priorityConfig(ports, ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> h.director.port().snapshot().ready());
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void sendsTheWholeStateAtOnceAndEachChangeSoonAfter() throws Exception {
        try (Events events = Events.open(port(), Map.of())) {
            assertThat(events.response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
            JsonObject first = events.next(e -> true);
            assertThat(first.getJsonArray("profiles")).hasSize(1);
            assertThat(endpoints(first)).hasSize(3);
            assertThat(first.getJsonArray("regions")).hasSize(3);

            h.http("PATCH", "/api/v1/profiles/contoso/endpoints/westeurope", "{\"enabled\": false, \"reason\": \"stream test\"}",
                    DirectorHarness.TOKEN, Map.of());
            try {
                JsonObject disabled = events.next(e -> status(e, "westeurope").equals("disabled"));
                assertThat(endpoint(disabled, "westeurope").getJsonObject("override").getString("reason")).isEqualTo("stream test");
                assertThat(disabled.getJsonArray("events").getJsonObject(0).getString("kind")).isEqualTo("operator");
            } finally {
                h.http("PATCH", "/api/v1/profiles/contoso/endpoints/westeurope", "{\"enabled\": true}", DirectorHarness.TOKEN,
                        Map.of());
            }
            events.next(e -> status(e, "westeurope").equals("online"));
        }
    }

    @Test
    void aFailingGatewayShowsAsDegradedWithItsProbeHistory() throws Exception {
        try (Events events = Events.open(port(), Map.of())) {
            h.gateway("eastasia").mode(SimulatedGateway.Mode.FAILING);
            try {
                JsonObject degraded = events.next(e -> status(e, "eastasia").equals("degraded"));
                JsonArray samples = degraded.getJsonObject("history").getJsonArray(endpoint(degraded, "eastasia").getString("probe"));
                assertThat(samples.getJsonObject(samples.size() - 1).getBoolean("success")).isFalse();
            } finally {
                h.gateway("eastasia").recover();
            }
            events.next(e -> status(e, "eastasia").equals("online"));
        }
    }

    @Test
    void aReconnectGetsTheLatestStateAtOnceWhateverItsLastEventId() throws Exception {
        String lastId;
        try (Events events = Events.open(port(), Map.of())) {
            events.next(e -> true);
            lastId = events.lastId;
            h.http("PATCH", "/api/v1/profiles/contoso/endpoints/eastasia", "{\"enabled\": false}", DirectorHarness.TOKEN, Map.of());
        }
        try (Events again = Events.open(port(), Map.of("Last-Event-ID", lastId))) {
            JsonObject first = again.next(e -> true);
            assertThat(status(first, "eastasia")).isEqualTo("disabled");
            assertThat(Long.parseLong(again.lastId)).isGreaterThan(Long.parseLong(lastId));
        } finally {
            h.http("PATCH", "/api/v1/profiles/contoso/endpoints/eastasia", "{\"enabled\": true}", DirectorHarness.TOKEN, Map.of());
        }
    }

    @Test
    void refusesTheThirtyThirdClientWithA503UntilOneLeaves() throws Exception {
        List<Events> open = new ArrayList<>();
        try {
            // the other tests' streams are closed, but the director may not have seen every close yet
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Events e = Events.open(port(), Map.of());
                if (e.response.statusCode() == 200) {
                    open.add(e);
                } else {
                    e.close();
                }
                return open.size() == 32;
            });
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/stream")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("error"))
                    .isEqualTo("too many stream clients (at most 32); try again later");

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Events e = Events.open(port(), Map.of());
                if (e.response.statusCode() == 200) {
                    open.add(e);
                    return true;
                }
                e.close();
                return false;
            });
        } finally {
            open.forEach(Events::close);
        }
    }

    private static int port() {
        return h.director.httpPort();
    }

    private static String base() {
        return "http://127.0.0.1:" + port();
    }

    private static List<JsonObject> endpoints(JsonObject state) {
        JsonArray list = state.getJsonArray("profiles").getJsonObject(0).getJsonArray("endpoints");
        List<JsonObject> out = new ArrayList<>();
        list.forEach(e -> out.add((JsonObject) e));
        return out;
    }

    private static JsonObject endpoint(JsonObject state, String name) {
        return endpoints(state).stream().filter(e -> e.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static String status(JsonObject state, String name) {
        return endpoint(state, name).getString("status");
    }

    /** One stream connection, its events parsed on the client's thread into a queue. */
    private static final class Events implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        private final Thread reader;
        String lastId;

        private Events(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Events open(int port, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stream"));
            headers.forEach(request::header);
            return new Events(client.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        }

        private void read() {
            String id = null;
            try (Stream<String> lines = response.body()) {
                var it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        events.add(new String[] {id, line.substring(6)});
                    }
                }
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }

        /** The first event, within five seconds, whose state matches. */
        JsonObject next(Predicate<JsonObject> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                String[] event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event != null) {
                    lastId = event[0];
                    JsonObject state = new JsonObject(event[1]);
                    if (wanted.test(state)) {
                        return state;
                    }
                }
            }
            throw new AssertionError("no such event within 5 s");
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }
}
