package io.meridian.director.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.config.ClusterConfig;
import io.meridian.config.IpPort;
import io.meridian.director.state.ConfigVersion;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.PeerView;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Stamp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two cluster nodes in this JVM on loopback, with the periodic full-state gossip an hour away:
 * whatever the first node learns of the second comes from the join itself.
 */
class ClusterJoinIT {
    private static final String SECRET = "join-it-secret-0123456789";
    private final List<ClusterNode> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ClusterNode::stop);
    }

    @Test
    void aDirectorJoiningARunningClusterSendsItsStateOnceConnected() throws Exception {
        // bench/conformance/run on a cluster just started: the second director's newer config never
        // reached the first before the gossip, so the two served different SOA serials
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        IpPort first = new IpPort(loopback, freePort());
        IpPort second = new IpPort(loopback, freePort());
        List<SharedConfig> atFirst = new CopyOnWriteArrayList<>();

        start("d1", first, List.of(first, second), config("d1", 1), atFirst);
        start("d2", second, List.of(first, second), config("d2", 2), new CopyOnWriteArrayList<>());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(atFirst).extracting(SharedConfig::origin).contains("d2"));
    }

    private void start(String name, IpPort listen, List<IpPort> members, SharedConfig served,
                       List<SharedConfig> received) throws Exception {
        ClusterConfig config = new ClusterConfig(name, listen, members, SECRET, ClusterConfig.Quorum.MAJORITY,
                Optional.empty());
        ClusterNode node = new ClusterNode(config, Clock.systemUTC(), new ClusterNode.Listener() {
            @Override
            public void overrides(Map<OverrideKey, OperatorOverride> overrides) {
            }

            @Override
            public void config(SharedConfig shared) {
                received.add(shared);
            }

            @Override
            public void view(PeerView view) {
            }

            @Override
            public void membership(Set<String> reachable) {
            }
        }, () -> new ClusterNode.Replicated(Map.of(), served), Duration.ofHours(1));
        started.add(node);
        node.start();
    }

    private static SharedConfig config(String origin, long millis) {
        return new SharedConfig(new ConfigVersion(new Stamp(millis, 0, origin), "ab12"), origin, "dns: {}\n");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
