package io.meridian.director.cluster;

import io.meridian.director.state.SharedSample;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.EndpointVote;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideJson;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Stamp;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What directors tell each other, as JSON (small, readable in a debugger; the stack encrypts it).
 * A message that does not decode is dropped and logged by the receiver.
 */
sealed interface ClusterMessage {

    /** The sending director's name. */
    String from();

    /** Everything replicated, sent when the membership grows (a join, a healed partition) and now and then. */
    record State(String from, Map<OverrideKey, OperatorOverride> overrides, SharedConfig config) implements ClusterMessage {
        public State {
            overrides = Map.copyOf(overrides);
        }
    }

    /** Overrides an operator just set on the sender. */
    record Overrides(String from, Map<OverrideKey, OperatorOverride> overrides) implements ClusterMessage {
        public Overrides {
            overrides = Map.copyOf(overrides);
        }
    }

    /** A config the sender just applied from its own file. */
    record Config(String from, SharedConfig config) implements ClusterMessage {
        public Config {
            Objects.requireNonNull(config, "config");
        }
    }

    /** The sender's own probes' verdict on every endpoint; on every change and every probe interval. */
    record View(String from, String address, Stamp configVersion, Map<EndpointId, EndpointVote> endpoints)
            implements ClusterMessage {
        public View {
            endpoints = Map.copyOf(endpoints);
        }
    }

    /**
     * Measurement samples the sender accepted, batched once a second: each
     * {@code [network, region, rttMs, epochMillis, area...]}.
     */
    record Samples(String from, List<SharedSample> samples) implements ClusterMessage {
        public Samples {
            samples = List.copyOf(samples);
        }
    }

    static byte[] encode(ClusterMessage message) {
        JsonObject json = new JsonObject().put("from", message.from());
        if (message instanceof State s) {
            json.put("type", "state").put("overrides", overrides(s.overrides()));
            if (s.config() != null) {
                json.put("config", config(s.config()));
            }
        } else if (message instanceof Overrides o) {
            json.put("type", "overrides").put("overrides", overrides(o.overrides()));
        } else if (message instanceof Config c) {
            json.put("type", "config").put("config", config(c.config()));
        } else if (message instanceof Samples s) {
            JsonArray samples = new JsonArray();
            for (SharedSample x : s.samples()) {
                JsonArray row = new JsonArray().add(x.network()).add(x.region()).add(x.rttMs()).add(x.at());
                x.areas().forEach(row::add);
                samples.add(row);
            }
            json.put("type", "samples").put("samples", samples);
        } else {
            View v = (View) message;
            JsonArray endpoints = new JsonArray();
            v.endpoints().forEach((id, vote) -> endpoints.add(new JsonArray().add(id.profile()).add(id.endpoint())
                    .add(vote.status().label()).add(vote.latencyMs())));
            json.put("type", "view").put("address", v.address()).put("configVersion", v.configVersion().toString())
                    .put("endpoints", endpoints);
        }
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException (or a runtime exception of the JSON layer) when malformed */
    static ClusterMessage decode(byte[] bytes) {
        JsonObject json = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        String from = Objects.requireNonNull(json.getString("from"), "from");
        String type = Objects.requireNonNull(json.getString("type"), "type");
        switch (type) {
            case "state":
                JsonObject config = json.getJsonObject("config");
                return new State(from, overrides(json.getJsonArray("overrides")), config == null ? null : config(config));
            case "overrides":
                return new Overrides(from, overrides(json.getJsonArray("overrides")));
            case "config":
                return new Config(from, config(json.getJsonObject("config")));
            case "samples":
                List<SharedSample> samples = new ArrayList<>();
                JsonArray rows = json.getJsonArray("samples");
                for (int i = 0; i < rows.size(); i++) {
                    JsonArray row = rows.getJsonArray(i);
                    List<String> areas = new ArrayList<>();
                    for (int j = 4; j < row.size(); j++) {
                        areas.add(row.getString(j));
                    }
                    samples.add(new SharedSample(row.getLong(0), areas, row.getString(1), row.getDouble(2),
                            row.getLong(3)));
                }
                return new Samples(from, samples);
            case "view":
                Map<EndpointId, EndpointVote> endpoints = new HashMap<>();
                JsonArray list = json.getJsonArray("endpoints");
                for (int i = 0; i < list.size(); i++) {
                    JsonArray e = list.getJsonArray(i);
                    Number latency = (Number) e.getValue(3);
                    endpoints.put(new EndpointId(e.getString(0), e.getString(1)), new EndpointVote(
                            HealthStatus.valueOf(e.getString(2).toUpperCase(Locale.ROOT)),
                            latency == null ? null : latency.doubleValue()));
                }
                return new View(from, json.getString("address", ""), Stamp.parse(json.getString("configVersion")),
                        endpoints);
            default:
                throw new IllegalArgumentException("type: " + type
                        + " (expected: state, overrides, config, samples or view)");
        }
    }

    private static JsonArray overrides(Map<OverrideKey, OperatorOverride> overrides) {
        JsonArray list = new JsonArray();
        overrides.forEach((key, o) -> list.add(OverrideJson.encode(key, o)));
        return list;
    }

    private static Map<OverrideKey, OperatorOverride> overrides(JsonArray list) {
        Map<OverrideKey, OperatorOverride> overrides = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Map.Entry<OverrideKey, OperatorOverride> e = OverrideJson.decode(list.getJsonObject(i));
            overrides.put(e.getKey(), e.getValue());
        }
        return overrides;
    }

    private static JsonObject config(SharedConfig c) {
        return new JsonObject().put("version", c.version().stamp().toString()).put("sha256", c.version().sha256())
                .put("origin", c.origin()).put("text", c.text());
    }

    private static SharedConfig config(JsonObject json) {
        return new SharedConfig(new ConfigVersion(Stamp.parse(json.getString("version")), json.getString("sha256")),
                json.getString("origin"), json.getString("text"));
    }
}
