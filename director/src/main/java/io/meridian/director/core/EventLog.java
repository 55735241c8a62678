package io.meridian.director.core;

import io.meridian.director.state.DirectorEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent {@link DirectorEvent}s, bounded in memory: the oldest go first. Written on
 * the controller's context, read by the API from any event loop.
 */
final class EventLog {
    static final int CAPACITY = 1000;

    private final ArrayDeque<DirectorEvent> events = new ArrayDeque<>();
    private final int capacity;

    EventLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(DirectorEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** At most {@code limit} events, newest first. */
    synchronized List<DirectorEvent> recent(int limit) {
        List<DirectorEvent> out = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<DirectorEvent> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext() && out.size() < limit) {
            out.add(newestFirst.next());
        }
        return out;
    }
}
