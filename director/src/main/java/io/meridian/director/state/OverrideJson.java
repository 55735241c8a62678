package io.meridian.director.state;

import io.meridian.routing.EndpointId;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/** One override as JSON: the state file's entries and the cluster's messages are the same objects. */
public final class OverrideJson {
    private OverrideJson() {
    }

    public static JsonObject encode(OverrideKey key, OperatorOverride o) {
        JsonObject json = new JsonObject();
        if (key instanceof OverrideKey.Alert a) {
            json.put("alert", a.fingerprint());
            key = a.scope();
        }
        if (key instanceof OverrideKey.Endpoint e) {
            json.put("profile", e.id().profile()).put("endpoint", e.id().endpoint());
        } else {
            json.put("region", ((OverrideKey.Region) key).name());
        }
        return json
                .put("enabled", o.enabled())
                .put("at", o.at().toString())
                .put("node", o.node())
                .put("source", o.source())
                .put("reason", o.reason())
                .put("until", o.until() == null ? null : o.until().toString())
                .put("stamp", o.stamp().toString());
    }

    /**
     * Reads an entry (an endpoint's, or with {@code region} a region's, and with {@code alert} an
     * alert's on either); missing times and stamps (state files of version 1) read as the epoch.
     *
     * @throws IllegalArgumentException (or a ClassCastException, DateTimeParseException) when malformed
     */
    public static Map.Entry<OverrideKey, OperatorOverride> decode(JsonObject o) {
        OverrideKey key = o.getString("region") != null ? new OverrideKey.Region(o.getString("region"))
                : new OverrideKey.Endpoint(new EndpointId(required(o, "profile"), required(o, "endpoint")));
        if (o.getString("alert") != null) {
            key = new OverrideKey.Alert(o.getString("alert"), key);
        }
        String at = o.getString("at");
        String until = o.getString("until");
        String stamp = o.getString("stamp");
        return Map.entry(key, new OperatorOverride(o.getBoolean("enabled"), at == null ? Instant.EPOCH : Instant.parse(at),
                o.getString("node", ""), o.getString("source", ""), o.getString("reason"),
                until == null ? null : Instant.parse(until), stamp == null ? Stamp.ZERO : Stamp.parse(stamp)));
    }

    private static String required(JsonObject o, String key) {
        String value = o.getString(key);
        if (value == null) {
            throw new IllegalArgumentException(key + ": missing");
        }
        return value;
    }
}
