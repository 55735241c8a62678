package io.meridian.director.core;

import io.meridian.director.state.Stamp;
import java.time.InstantSource;

/**
 * Hands out {@link Stamp}s for this director's changes. A hybrid logical clock: never behind
 * the wall clock, never behind any stamp it has seen (its own, or another director's through
 * {@link #observe}), so a change made after another one, anywhere, gets the larger stamp.
 *
 * <p>One rule on top of the usual HLC: a new local stamp is in a later whole second than every
 * stamp seen. The SOA serial is made of seconds ({@link Stamp#seconds()}), so it rises with
 * every change. A burst of changes runs the clock ahead of the wall by a second per change;
 * it falls back in step as soon as the wall catches up.
 *
 * <p>Not thread-safe: owned by the controller's context.
 */
final class HybridClock {
    private final InstantSource wall;
    private final String node;
    private Stamp last = Stamp.ZERO;

    HybridClock(InstantSource wall, String node) {
        this.wall = wall;
        this.node = node;
    }

    /** A stamp for a change made here now. */
    Stamp next() {
        long nextSecond = last == Stamp.ZERO ? 0 : (last.millis() / 1000 + 1) * 1000;
        last = new Stamp(Math.max(wall.millis(), nextSecond), 0, node);
        return last;
    }

    /** Another stamp was seen (read from disk, or from another director): later ones order after it. */
    void observe(Stamp seen) {
        last = Stamp.max(last, seen);
    }
}
