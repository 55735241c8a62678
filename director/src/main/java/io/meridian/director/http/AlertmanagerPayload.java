package io.meridian.director.http;

import io.meridian.director.state.AlertNotice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an Alertmanager webhook notification, payload version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config): its {@code alerts},
 * each with {@code status}, {@code labels}, {@code endsAt} and {@code fingerprint}. Anything
 * malformed is a 400 that names the first problem, and nothing of the payload is applied.
 */
final class AlertmanagerPayload {
    /** Alertmanager's zero time: no end set. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final int MAX_ALERTS = 10_000;

    private AlertmanagerPayload() {
    }

    static List<AlertNotice> parse(JsonObject body) {
        if (body == null) {
            throw ApiError.badRequest("expected an Alertmanager webhook payload (a JSON object)");
        }
        if (!"4".equals(body.getValue("version"))) {
            throw ApiError.badRequest("version: " + body.getValue("version") + " (expected: \"4\")");
        }
        if (!(body.getValue("alerts") instanceof JsonArray alerts) || alerts.size() > MAX_ALERTS) {
            throw ApiError.badRequest("alerts: expected an array of at most " + MAX_ALERTS + " alerts");
        }
        List<AlertNotice> notices = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            notices.add(alert(alerts.getValue(i), "alerts[" + i + "]"));
        }
        return notices;
    }

    private static AlertNotice alert(Object value, String where) {
        if (!(value instanceof JsonObject a)) {
            throw ApiError.badRequest(where + ": expected an object");
        }
        Object status = a.getValue("status");
        if (!"firing".equals(status) && !"resolved".equals(status)) {
            throw ApiError.badRequest(where + ".status: " + status + " (expected: firing or resolved)");
        }
        if (!(a.getValue("labels") instanceof JsonObject labelObject)) {
            throw ApiError.badRequest(where + ".labels: expected an object");
        }
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, Object> e : labelObject) {
            if (!(e.getValue() instanceof String text)) {
                throw ApiError.badRequest(where + ".labels." + e.getKey() + ": expected a string");
            }
            labels.put(e.getKey(), text);
        }
        Instant endsAt = null;
        Object ends = a.getValue("endsAt");
        if (ends != null) {
            endsAt = ends instanceof String text ? OverrideBody.instant(text) : null;
            if (endsAt == null) {
                throw ApiError.badRequest(where + ".endsAt: " + ends + " (expected: an RFC 3339 time)");
            }
            if (!endsAt.isAfter(ZERO_TIME)) {
                endsAt = null;
            }
        }
        Object fingerprint = a.getValue("fingerprint");
        if (fingerprint != null && (!(fingerprint instanceof String f) || f.isBlank())) {
            throw ApiError.badRequest(where + ".fingerprint: expected a string");
        }
        return new AlertNotice(fingerprint == null ? fingerprint(labels) : (String) fingerprint,
                "firing".equals(status), labels, endsAt);
    }

    /** Alertmanager always sends one; without it, the labels identify the alert (as they do in Alertmanager). */
    private static String fingerprint(Map<String, String> sortedLabels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sortedLabels.forEach((k, v) -> sha.update((k + "\u0000" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
