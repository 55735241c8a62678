package io.meridian.director.state;

import java.util.List;

/**
 * An accepted sample as directors pass it on: already attributed and validated by the director
 * that took it, so peers fold it in as is (no second rate limit, no second GeoIP lookup).
 *
 * @param network   the client network ({@code NetworkKey})
 * @param areas     the client's subdivision and country, as the receiving director located them
 * @param at        when it was taken, epoch milliseconds
 */
public record SharedSample(long network, List<String> areas, String region, double rttMs, long at) {
    public SharedSample {
        areas = List.copyOf(areas);
    }
}
