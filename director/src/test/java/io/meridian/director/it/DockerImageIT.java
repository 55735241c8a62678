package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The {@code Dockerfile} builds an image that runs the jar and serves. Needs a Docker
 * engine: skipped where there is none (as on the project's build machines), and nothing
 * else depends on it.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageIT {
    private static final String CONFIG = """
            dns:
              listen: ["0.0.0.0:5353"]
              zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
            http:
              listen: "0.0.0.0:8080"
            state:
              file: /var/lib/meridian/state.json
            profiles:
              - name: contoso
                domain: contoso.tm.example.test
                routing: priority
                endpoints:
                  - {name: westus2, target: 192.0.2.10, alwaysServe: true}
            """;

    @Container
    private static final GenericContainer<?> MERIDIAN = new GenericContainer<>(
            new ImageFromDockerfile("meridian-it", true)
                    .withFileFromPath("Dockerfile", Path.of("../Dockerfile"))
                    .withFileFromPath("director/target/meridian.jar", Path.of("target/meridian.jar")))
            .withCopyToContainer(Transferable.of(CONFIG), "/etc/meridian/meridian.yaml")
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/readyz").forPort(8080).forStatusCode(200));

    @Test
    void theImageServesTheApiAndResolves() throws Exception {
        String base = "http://" + MERIDIAN.getHost() + ":" + MERIDIAN.getMappedPort(8080);
        HttpResponse<String> resolve = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/resolve?name=contoso.tm.example.test&client=198.51.100.1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(resolve.statusCode()).isEqualTo(200);
        assertThat(resolve.body()).contains("192.0.2.10").contains("NOERROR");
    }
}
