package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The stream's rules, with the ticks (the Vert.x timer in production) and the clock driven by
 * the test: the whole state at once on connect, one event per tick at most, the latest state
 * wins, a slow client is caught up, the number of clients is bounded.
 */
class StatusStreamTest {
    private final AtomicReference<String> state = new AtomicReference<>("s1");
    private final AtomicInteger renders = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T06:00:00Z"));
    private final StatusStream<String> stream = new StatusStream<>(state::get, s -> {
        renders.incrementAndGet();
        return "{\"state\":\"" + s + "\"}";
    }, 2, clock, Duration.ofSeconds(15));

    @Test
    void aNewClientGetsTheRetryDelayAndTheWholeCurrentStateAtOnce() {
        FakeClient client = new FakeClient();

        assertThat(stream.open(client)).isTrue();

        assertThat(client.frames).containsExactly(StatusStream.RETRY + "id: 1\nevent: state\ndata: {\"state\":\"s1\"}\n\n");
    }

    @Test
    void aTickSendsNothingWhileTheStateIsTheSame() {
        FakeClient client = open();

        stream.tick();
        stream.tick();

        assertThat(client.frames).hasSize(1);
        assertThat(renders).hasValue(1);
    }

    @Test
    void statesPublishedBetweenTwoTicksBecomeOneEventWithTheLatest() {
        FakeClient client = open();

        state.set("s2");
        state.set("s3");
        state.set("s4");
        stream.tick();

        assertThat(client.frames).hasSize(2);
        assertThat(client.frames.get(1)).isEqualTo("id: 2\nevent: state\ndata: {\"state\":\"s4\"}\n\n");
    }

    @Test
    void atMostOneEventPerTickHoweverOftenTheStateChanges() {
        FakeClient client = open();

        for (int tick = 0; tick < 20; tick++) {
            for (int change = 0; change < 5; change++) {
                state.set("t" + tick + "c" + change);
            }
            stream.tick();
        }

        assertThat(client.frames).hasSize(1 + 20);
        assertThat(client.frames.get(20)).contains("\"t19c4\"");
    }

    @Test
    void oneRenderPerChangeWhateverTheNumberOfClients() {
        FakeClient first = open();
        FakeClient second = open();

        state.set("s2");
        stream.tick();

        assertThat(renders).hasValue(2);
        assertThat(first.frames.get(1)).isEqualTo(second.frames.get(1));
    }

    @Test
    void aClientWhoseQueueIsFullIsSkippedAndThenGetsOnlyTheLatestState() {
        FakeClient slow = open();
        slow.writable = false;

        state.set("s2");
        stream.tick();
        state.set("s3");
        stream.tick();
        assertThat(slow.frames).hasSize(1);

        slow.writable = true;
        stream.tick();

        assertThat(slow.frames).hasSize(2);
        assertThat(slow.frames.get(1)).contains("id: 3").contains("\"s3\"");
    }

    @Test
    void aReconnectingClientGetsTheLastStateAtOnceWithoutWaitingForAChange() {
        FakeClient before = open();
        state.set("s2");
        stream.tick();
        stream.close(before);

        FakeClient after = open();

        assertThat(stream.clients()).isEqualTo(1);
        assertThat(after.frames).containsExactly(StatusStream.RETRY + "id: 2\nevent: state\ndata: {\"state\":\"s2\"}\n\n");
        assertThat(renders).as("the last state is not rendered again").hasValue(2);
    }

    @Test
    void aClosedClientGetsNothingMore() {
        FakeClient client = open();
        stream.close(client);

        state.set("s2");
        stream.tick();

        assertThat(client.frames).hasSize(1);
        assertThat(stream.clients()).isZero();
    }

    @Test
    void refusesClientsBeyondTheBound() {
        open();
        open();
        FakeClient third = new FakeClient();

        assertThat(stream.open(third)).isFalse();

        assertThat(third.frames).isEmpty();
        assertThat(stream.clients()).isEqualTo(2);
    }

    @Test
    void anIdleClientGetsAHeartbeatCommentOnceTheHeartbeatPeriodPassed() {
        FakeClient client = open();

        clock.advance(Duration.ofSeconds(14));
        stream.tick();
        assertThat(client.frames).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        stream.tick();
        stream.tick();

        assertThat(client.frames).hasSize(2).last().isEqualTo(StatusStream.HEARTBEAT);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new StatusStream<>(state::get, s -> s, 0, clock, Duration.ofSeconds(1)))
                .hasMessage("maxClients: 0 (expected: >= 1)");
    }

    private FakeClient open() {
        FakeClient client = new FakeClient();
        assertThat(stream.open(client)).isTrue();
        return client;
    }

    private static final class FakeClient implements StatusStream.Client {
        final List<String> frames = new ArrayList<>();
        boolean writable = true;

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public void send(String frame) {
            frames.add(frame);
        }
    }

    private static final class MutableClock implements InstantSource {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
