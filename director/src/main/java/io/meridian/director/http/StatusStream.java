package io.meridian.director.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/stream}: the director's state as Server-Sent Events, for the status page
 * and any other tool. Each event is the whole state ({@link StatusJson}), so the latest one wins:
 * a client that connects, reconnects or falls behind needs only the next event, and events
 * dropped for a slow client lose nothing.
 *
 * <p>Throttled by construction: the owner calls {@link #tick} every {@code period}; a tick reads
 * the snapshot once and, if it is not the one last rendered, renders it once for every client.
 * Snapshots published between two ticks are coalesced into one event. A client whose write
 * queue is full is skipped and gets the latest event once it drains. Not thread-safe: every
 * method runs on the HTTP server's context.
 *
 * @param <S> the state: the director's {@code Snapshot} in production, anything in tests
 */
final class StatusStream<S> {
    /** Tells browsers to reconnect after a second (their default is about three). */
    static final String RETRY = "retry: 1000\n\n";
    static final String HEARTBEAT = ": keep-alive\n\n";

    /** Where frames go: an HTTP response in production, a list in tests. */
    interface Client {
        /** False while the client's write queue is full. */
        boolean writable();

        void send(String frame);
    }

    private final Supplier<S> snapshots;
    private final Function<S, String> render;
    private final int maxClients;
    private final InstantSource clock;
    private final Duration heartbeat;
    /** Each client -> the id of the last event it was sent. */
    private final Map<Client, Long> clients = new LinkedHashMap<>();
    private final Map<Client, Instant> lastWrite = new LinkedHashMap<>();
    private S rendered;
    private String frame;
    private long id;

    /**
     * @param render    a snapshot as the JSON of one event, on one line
     * @param heartbeat how long a client may go without a write before it gets a comment line
     *                  (proxies close idle connections)
     */
    StatusStream(Supplier<S> snapshots, Function<S, String> render, int maxClients, InstantSource clock,
                 Duration heartbeat) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.render = Objects.requireNonNull(render, "render");
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients: " + maxClients + " (expected: >= 1)");
        }
        this.maxClients = maxClients;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /**
     * Adds a client and sends it the current state at once (a reconnect needs no Last-Event-ID).
     *
     * @return false, adding nothing, when {@code maxClients} are connected already
     */
    boolean open(Client client) {
        if (clients.size() >= maxClients) {
            return false;
        }
        renderLatest();
        client.send(RETRY + frame);
        clients.put(client, id);
        lastWrite.put(client, clock.instant());
        return true;
    }

    void close(Client client) {
        clients.remove(client);
        lastWrite.remove(client);
    }

    int clients() {
        return clients.size();
    }

    /** Sends the latest state to every client that has not had it and can take it; heartbeats the idle ones. */
    void tick() {
        if (clients.isEmpty()) {
            return;
        }
        renderLatest();
        Instant now = clock.instant();
        for (Client client : List.copyOf(clients.keySet())) {
            if (!client.writable()) {
                continue;
            }
            if (clients.get(client) < id) {
                client.send(frame);
                clients.put(client, id);
                lastWrite.put(client, now);
            } else if (!now.isBefore(lastWrite.get(client).plus(heartbeat))) {
                client.send(HEARTBEAT);
                lastWrite.put(client, now);
            }
        }
    }

    /** Renders the current snapshot unless it is the one rendered last. */
    private void renderLatest() {
        S current = snapshots.get();
        if (current != rendered || frame == null) {
            rendered = current;
            id++;
            frame = frame(id, render.apply(current));
        }
    }

    static String frame(long id, String json) {
        return "id: " + id + "\nevent: state\ndata: " + json + "\n\n";
    }
}
