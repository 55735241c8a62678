package io.meridian.director.latency;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code POST /api/v1/measurements} body, validated whole (SPEC section 9):
 * {@code {"samples": [{"region": "westus2", "rttMs": 87.3}, ...], "client": "IP"}}, each sample
 * naming a {@code region} or an {@code endpoint}; 1 to 32 samples, 0 < rttMs < 60000. One bad
 * sample refuses the request, so a client learns at once what it got wrong.
 *
 * @param samples the samples, each resolved to its region
 * @param client  the {@code client} field (needs the API token), or null
 */
public record MeasurementBody(List<RegionSample> samples, String client) {
    public static final int MAX_SAMPLES = 32;
    /** 32 samples take about 2 KB; room for whitespace, not for a flood. */
    public static final int BODY_LIMIT = 8 * 1024;

    /** One measured round trip to a region. */
    public record RegionSample(String region, double rttMs) {
    }

    public MeasurementBody {
        samples = List.copyOf(samples);
    }

    /**
     * @param regions   the regions the config's endpoints name
     * @param endpoints endpoint name -> its region, for names that mean one region in every profile
     * @throws Rejection naming what is wrong
     */
    public static MeasurementBody parse(JsonObject body, Set<String> regions, Map<String, String> endpoints) {
        if (body == null) {
            throw new Rejection(Rejection.Reason.MALFORMED, "body: missing (expected: {\"samples\": [{\"region\": "
                    + "\"westus2\", \"rttMs\": 87.3}]})");
        }
        for (String key : body.fieldNames()) {
            if (!key.equals("samples") && !key.equals("client")) {
                throw new Rejection(Rejection.Reason.MALFORMED, key + ": unknown field (expected: samples, client)");
            }
        }
        Object list = body.getValue("samples");
        if (!(list instanceof JsonArray samples) || samples.isEmpty()) {
            throw new Rejection(Rejection.Reason.MALFORMED, "samples: " + list + " (expected: a list of 1.."
                    + MAX_SAMPLES + " samples)");
        }
        if (samples.size() > MAX_SAMPLES) {
            throw new Rejection(Rejection.Reason.TOO_MANY, "samples: " + samples.size() + " (expected: at most "
                    + MAX_SAMPLES + " a request)");
        }
        Object client = body.getValue("client");
        if (client != null && !(client instanceof String)) {
            throw new Rejection(Rejection.Reason.MALFORMED, "client: " + client + " (expected: an IP address)");
        }
        List<RegionSample> parsed = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            parsed.add(sample(samples.getValue(i), i, regions, endpoints));
        }
        return new MeasurementBody(parsed, (String) client);
    }

    private static RegionSample sample(Object item, int i, Set<String> regions, Map<String, String> endpoints) {
        String at = "samples[" + i + "]";
        if (!(item instanceof JsonObject s)) {
            throw new Rejection(Rejection.Reason.MALFORMED, at + ": " + item + " (expected: {\"region\": \"westus2\","
                    + " \"rttMs\": 87.3})");
        }
        for (String key : s.fieldNames()) {
            if (!key.equals("region") && !key.equals("endpoint") && !key.equals("rttMs")) {
                throw new Rejection(Rejection.Reason.MALFORMED, at + "." + key + ": unknown field (expected: region"
                        + " or endpoint, rttMs)");
            }
        }
        Object rtt = s.getValue("rttMs");
        if (!(rtt instanceof Number n)) {
            throw new Rejection(Rejection.Reason.RTT, at + ".rttMs: " + rtt + " (expected: a number of milliseconds)");
        }
        double ms = n.doubleValue();
        if (!(ms > 0 && ms < 60_000)) {
            throw new Rejection(Rejection.Reason.RTT, at + ".rttMs: " + rtt + " (expected: 0 < rttMs < 60000)");
        }
        return new RegionSample(region(s, at, regions, endpoints), ms);
    }

    private static String region(JsonObject s, String at, Set<String> regions, Map<String, String> endpoints) {
        Object region = s.getValue("region");
        Object endpoint = s.getValue("endpoint");
        if ((region == null) == (endpoint == null)) {
            throw new Rejection(Rejection.Reason.MALFORMED, at + ": " + (region == null ? "neither" : "both")
                    + " region and endpoint (expected: exactly one of them)");
        }
        if (region != null) {
            if (!(region instanceof String r) || !regions.contains(r)) {
                throw new Rejection(Rejection.Reason.REGION, at + ".region: " + region + " (expected: one of "
                        + regions + ")");
            }
            return r;
        }
        String r = endpoint instanceof String e ? endpoints.get(e) : null;
        if (r == null) {
            throw new Rejection(Rejection.Reason.REGION, at + ".endpoint: " + endpoint + " (expected: an endpoint that"
                    + " names a region: one of " + endpoints.keySet() + ")");
        }
        return r;
    }
}
