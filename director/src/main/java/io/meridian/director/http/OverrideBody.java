package io.meridian.director.http;

import io.meridian.director.state.OverrideRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The body of an override change, {@code {"enabled": false, "reason": "...", "until": "...",
 * "force": true}} (SPEC section 7): {@code enabled} is required, the rest optional; anything
 * else, or an {@code until} that is not an RFC 3339 instant in the future, is a 400.
 */
final class OverrideBody {
    private static final Set<String> KEYS = Set.of("enabled", "reason", "until", "force");
    private static final int MAX_REASON = 500;

    private OverrideBody() {
    }

    static OverrideRequest parse(JsonObject body, String source, Instant now) {
        if (body == null || !(body.getValue("enabled") instanceof Boolean enabled)) {
            throw ApiError.badRequest("expected a JSON object {\"enabled\": true|false} with optional"
                    + " \"reason\", \"until\" (RFC 3339) and \"force\"");
        }
        for (String key : body.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw ApiError.badRequest(key + ": unknown field (expected: enabled, reason, until, force)");
            }
        }
        Object reason = body.getValue("reason");
        if (reason != null && (!(reason instanceof String text) || text.isBlank() || text.length() > MAX_REASON)) {
            throw ApiError.badRequest("reason: expected a non-empty string of at most " + MAX_REASON + " characters");
        }
        Object force = body.getValue("force");
        if (force != null && !(force instanceof Boolean)) {
            throw ApiError.badRequest("force: " + force + " (expected: true or false)");
        }
        Instant until = until(body.getValue("until"), now);
        return new OverrideRequest(enabled, source, (String) reason, until, Boolean.TRUE.equals(force));
    }

    private static Instant until(Object value, Instant now) {
        if (value == null) {
            return null;
        }
        Instant until = value instanceof String text ? instant(text) : null;
        if (until == null) {
            throw ApiError.badRequest("until: " + value + " (expected: an RFC 3339 instant such as 2026-12-02T06:00:00Z)");
        }
        if (!until.isAfter(now)) {
            throw ApiError.badRequest("until: " + value + " is not in the future (now: " + now + ")");
        }
        return until;
    }

    /** An RFC 3339 date-time with its offset; null if it is not one. */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
