package io.meridian.probes;

import static io.meridian.probes.ProbeRunner.HTTP;
import static io.meridian.probes.ProbeRunner.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A director out of file descriptors fails its probes as its own failure ({@link FailureKind#DIRECTOR_RESOURCES}),
 * on both connection paths, promptly (not as a timeout), and probes again once it has them back. The test JVM's
 * descriptors are really used up (every one left is opened on /dev/null) and given back at the end.
 */
class ProbeOutOfSocketsIT {
    /** Above this soft limit using them all up takes too long (and too much kernel memory) for a test. */
    private static final long MAX_LIMIT = 200_000;

    @Test
    void probesOfADirectorOutOfFileDescriptorsAreItsOwnFailureOnBothPaths() throws Exception {
        long limit = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
        Assumptions.assumeTrue(limit > 0 && limit <= MAX_LIMIT, () -> "file-descriptor soft limit " + limit);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        ScriptedGateway gateway = new ScriptedGateway(vertx, null);
        gateway.start().await(10, TimeUnit.SECONDS);
        MonitorSettings ok = HTTP.withHttp("/ok", "", Map.of(), true);
        // fresh: the raw socket on epoll (Netty channel on NIO); keep-alive: a Netty channel
        try (ProbeRunner fresh = new ProbeRunner(vertx, MonitorOptions.defaults().withKeepAlive(false));
             ProbeRunner keepAlive = new ProbeRunner(vertx, MonitorOptions.defaults().withKeepAlive(true))) {
            assertThat(fresh.run(target("gw.example.test", gateway.port(), ok)).success()).isTrue();
            List<FileInputStream> hogs = new ArrayList<>();
            List<ProbeOutcome> starved = new ArrayList<>();
            try {
                try {
                    while (hogs.size() < MAX_LIMIT) {
                        hogs.add(new FileInputStream("/dev/null"));
                    }
                } catch (IOException expected) {
                    assertThat(expected).hasMessageContaining("Too many open files");
                }
                starved.add(fresh.run(target("gw.example.test", gateway.port(), ok)));
                starved.add(keepAlive.run(target("gw.example.test", gateway.port(), ok)));
            } finally {
                for (FileInputStream hog : hogs) {
                    hog.close();
                }
            }
            assertThat(starved).allSatisfy(outcome -> {
                assertThat(outcome.failure()).as(outcome.toString()).isEqualTo(FailureKind.DIRECTOR_RESOURCES);
                assertThat(outcome.error()).containsIgnoringCase("too many open files");
                assertThat(outcome.latency()).isLessThan(HTTP.timeout()); // failed at once, not timed out
            });
            assertThat(fresh.run(target("gw.example.test", gateway.port(), ok)).success()).isTrue();
            assertThat(keepAlive.run(target("gw.example.test", gateway.port(), ok)).success()).isTrue();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
