package io.meridian.routing;

/**
 * Where a client address is, as a GeoIP database says.
 *
 * @param continent     two-letter continent code (EU, NA, AS, ...) or null
 * @param country       ISO 3166-1 alpha-2 or null
 * @param subdivision   ISO 3166-2 code such as {@code US-WA}, or null
 * @param point         coordinates, or null when the database has none
 * @param networkPrefix prefix length of the database network that matched; the widest
 *                      ECS scope an answer derived from this location may claim
 */
public record GeoLocation(String continent, String country, String subdivision, GeoPoint point, int networkPrefix) {
}
