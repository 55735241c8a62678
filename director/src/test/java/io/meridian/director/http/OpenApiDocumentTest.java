package io.meridian.director.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Keeps docs/openapi.yaml from drifting away from the routes and JSON the code produces. */
class OpenApiDocumentTest {
    private static final Path DOCUMENT = Path.of("../docs/openapi.yaml");
    private static final Path PROFILE_JSON = Path.of("src/main/java/io/meridian/director/http/ProfileJson.java");
    private static final Path CLUSTER_JSON = Path.of("src/main/java/io/meridian/director/http/ClusterJson.java");
    private static final Path OPERATIONS_API = Path.of("src/main/java/io/meridian/director/http/OperationsApi.java");
    private static final Path STATUS_JSON = Path.of("src/main/java/io/meridian/director/http/StatusJson.java");
    private static final Path RESOLVER = Path.of("src/main/java/io/meridian/director/http/Resolver.java");
    private static final Path PROBES_JSON = Path.of("src/main/java/io/meridian/director/http/ProbesJson.java");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static Map<String, Object> document;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        document = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(DOCUMENT));
    }

    @Test
    void isOpenApi30() {
        assertThat(document.get("openapi")).asString().startsWith("3.0");
    }

    @Test
    void describesExactlyTheRoutesOfTheFrontend() {
        Set<String> described = new TreeSet<>();
        map(document, "paths").forEach((path, item) -> map(item).keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> described.add(method.toUpperCase() + " " + path)));

        // mirrors HttpFrontend.router and OperationsApi.route, with :param written as {param}
        assertThat(described).containsExactlyInAnyOrder(
                "GET /healthz",
                "GET /readyz",
                "GET /metrics",
                "GET /api/v1/profiles",
                "GET /api/v1/profiles/{profile}",
                "PATCH /api/v1/profiles/{profile}/endpoints/{endpoint}",
                "GET /api/v1/resolve",
                "GET /api/v1/cluster",
                "POST /api/v1/reload",
                "GET /api/v1/probes",
                "GET /api/v1/regions",
                "GET /api/v1/regions/{region}",
                "PATCH /api/v1/regions/{region}",
                "GET /api/v1/events",
                "POST /api/v1/alertmanager",
                "POST /api/v1/measurements",
                "GET /api/v1/latency",
                "GET /rum.js",
                "GET /",
                "GET /api/v1/stream");
    }

    @Test
    void schemasNameExactlyTheFieldsProfileJsonWrites() throws IOException {
        String source = Files.readString(PROFILE_JSON);

        assertThat(puts(method(source, "profile"))).isEqualTo(properties("Profile"));
        // the endpoint view builds its counters and healthyWhen objects inline
        assertThat(puts(method(source, "endpoint"))).isEqualTo(union("Endpoint", "Counters", "HealthyWhen"));
        assertThat(puts(method(source, "monitors"))).isEqualTo(properties("Monitor"));
        assertThat(puts(method(source, "outcome"))).isEqualTo(properties("ProbeResult"));
        assertThat(puts(method(source, "override"))).isEqualTo(properties("Override"));
        Set<String> list = new TreeSet<>(puts(method(source, "versions")));
        list.add("profiles");
        assertThat(list).isEqualTo(properties("ProfileList"));
        String cluster = Files.readString(CLUSTER_JSON);
        assertThat(puts(method(cluster, "member"))).isEqualTo(properties("Member"));
        assertThat(puts(method(cluster, "views"))).isEqualTo(properties("View"));
        assertThat(puts(method(Files.readString(RESOLVER), "resolve"))).isEqualTo(properties("ResolveResult"));
        assertThat(puts(method(Files.readString(PROBES_JSON), "probes"))).isEqualTo(properties("ProbeLoad"));
    }

    @Test
    void schemasNameExactlyTheFieldsOperationsApiWrites() throws IOException {
        String source = Files.readString(OPERATIONS_API);

        // a region builds its endpoint entries and its location inline
        assertThat(puts(method(source, "region"))).isEqualTo(union("Region", "RegionEndpoint", "Location"));
        assertThat(puts(method(source, "json"))).isEqualTo(properties("AlertResult"));
        assertThat(puts(handler(source, "events"))).isEqualTo(properties("EventList"));
        assertThat(puts(method(source, "event"))).isEqualTo(properties("Event"));
        Set<String> list = new TreeSet<>(puts(method(Files.readString(PROFILE_JSON), "versions")));
        list.add("regions");
        assertThat(list).isEqualTo(properties("RegionList"));
    }

    @Test
    void schemasNameExactlyTheFieldsLatencyJsonWrites() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/meridian/director/http/LatencyJson.java"));

        // the location object and each region's figures are built inline
        Set<String> view = union("LatencyView");
        view.addAll(map(map(map(document, "components"), "schemas"), "LatencyView", "properties", "location",
                "properties").keySet());
        assertThat(puts(method(source, "of"))).isEqualTo(view);
        Set<String> source2 = union("LatencySource");
        source2.addAll(map(map(map(document, "components"), "schemas"), "LatencySource", "properties", "regions",
                "items", "properties").keySet());
        assertThat(puts(method(source, "source"))).isEqualTo(source2);
    }

    @Test
    void schemasNameExactlyTheFieldsOfAStreamEvent() throws IOException {
        String source = Files.readString(STATUS_JSON);

        Set<String> state = new TreeSet<>(puts(method(source, "state")));
        state.addAll(puts(method(Files.readString(PROFILE_JSON), "versions")));
        assertThat(state).isEqualTo(properties("StreamState"));
        assertThat(puts(method(source, "sample"))).isEqualTo(properties("ProbeSample"));
    }

    @Test
    void everyReferenceResolves() {
        Set<String> refs = new TreeSet<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/");
            String[] parts = ref.substring(2).split("/");
            map(document, parts); // asserts each step is present
        });
    }

    private static void collectRefs(Object node, Set<String> refs) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add((String) value);
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof Iterable<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }

    private static Set<String> union(String... schemas) {
        Set<String> names = new TreeSet<>();
        for (String schema : schemas) {
            names.addAll(properties(schema));
        }
        return names;
    }

    private static Set<String> properties(String schema) {
        return new TreeSet<>(map(map(map(document, "components"), "schemas"), schema, "properties").keySet());
    }

    /** The body of {@code static JsonObject NAME(...)} (or JsonArray): up to the first line that closes a method. */
    private static String method(String source, String name) {
        Matcher m = Pattern.compile("\\s(JsonObject|JsonArray) " + name + "\\(").matcher(source);
        assertThat(m.find()).as("method %s", name).isTrue();
        int start = m.start();
        return source.substring(start, source.indexOf("\n    }\n", start));
    }

    /** The body of the route handler {@code void NAME(RoutingContext ctx)}: up to the first line that closes a method. */
    private static String handler(String source, String name) {
        int start = source.indexOf(" void " + name + "(RoutingContext ");
        assertThat(start).as("handler %s", name).isNotNegative();
        return source.substring(start, source.indexOf("\n    }\n", start));
    }

    private static Set<String> puts(String code) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\.put\\(\"([^\"]+)\"").matcher(code);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        assertThat(current).as("%s", String.join(".", keys)).isInstanceOf(Map.class);
        return (Map<String, Object>) current;
    }
}
