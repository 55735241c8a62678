package io.meridian.config;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cluster} section (SPEC section 8): this director's place among several that serve
 * the same zones as one system. Node-local: it never travels between directors.
 *
 * @param node        this director's name, unique in the cluster
 * @param listen      the cluster transport's address (port 0: any free port)
 * @param members     the seed list: every director's cluster address, this one's included or not
 * @param secret      encrypts and authenticates all cluster traffic; at least 16 characters
 * @param probeSource source address of this director's probes, so gateways can tell directors apart
 */
public record ClusterConfig(String node, IpPort listen, List<IpPort> members, String secret, Quorum quorum,
                            Optional<InetAddress> probeSource) {

    /** How fresh views of an endpoint are combined into its health. */
    public enum Quorum {
        /** Degraded when a majority of fresh views say so; never on one view while two or more are fresh. */
        MAJORITY,
        /** Healthy while any fresh view says healthy (Route 53's rule for few checkers). */
        ANY
    }

    public ClusterConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(listen, "listen");
        members = List.copyOf(members);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(probeSource, "probeSource");
    }

    /** How many directors the cluster has: the distinct seed addresses and this director's own. */
    public int size() {
        Set<IpPort> all = new LinkedHashSet<>(members);
        all.add(listen);
        return all.size();
    }

    @Override
    public String toString() {
        return "ClusterConfig[node=" + node + ", listen=" + listen + ", members=" + members + ", secret=***, quorum="
                + quorum + ", probeSource=" + probeSource + "]";
    }
}
