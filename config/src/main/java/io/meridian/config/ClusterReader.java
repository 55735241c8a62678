package io.meridian.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code cluster} section, with its defaults. */
final class ClusterReader {
    static final int MIN_SECRET = 16;
    static final IpPort LISTEN = IpPort.literal("127.0.0.1:0");
    private static final String NODE_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";

    private ClusterReader() {
    }

    /** The section; empty when absent or invalid (the problems are reported). */
    static Optional<ClusterConfig> read(Optional<YNode> node) {
        Optional<YMap> map = node.flatMap(n -> n.map("node", "listen", "members", "secret", "quorum", "probeSource"));
        if (map.isEmpty()) {
            return Optional.empty();
        }
        YMap m = map.get();
        Sourced<String> name = m.parseRequired("node", "this director's name, unique in the cluster, such as westus2",
                ClusterReader::nodeName);
        Sourced<IpPort> listen = m.parse("listen", IpPort.parser(0));
        List<Sourced<IpPort>> members = m.parseEach("members", IpPort.parser(1));
        Sourced<String> secret = m.parseRequired("secret", "a secret of at least " + MIN_SECRET
                + " characters shared by every director, such as ${MERIDIAN_CLUSTER_SECRET}", ClusterReader::secret);
        Sourced<ClusterConfig.Quorum> quorum = m.parse("quorum", Scalars.oneOf(ClusterConfig.Quorum.values(), false));
        Sourced<InetAddress> probeSource = m.parse("probeSource", ClusterReader::address);
        boolean invalid = name == null || secret == null || (m.has("listen") && listen == null)
                || (m.has("quorum") && quorum == null) || (m.has("probeSource") && probeSource == null);
        if (invalid) {
            return Optional.empty();
        }
        return Optional.of(new ClusterConfig(name.value(), listen == null ? LISTEN : listen.value(),
                members.stream().map(Sourced::value).toList(), secret.value(),
                quorum == null ? ClusterConfig.Quorum.MAJORITY : quorum.value(),
                Optional.ofNullable(probeSource).map(Sourced::value)));
    }

    private static String nodeName(String text) throws BadValue {
        if (!text.matches(NODE_NAME)) {
            throw BadValue.expected(text, "1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return text;
    }

    /** Never shown: a secret's value does not belong in a log or a validate report. */
    private static String secret(String text) throws BadValue {
        if (text.length() < MIN_SECRET) {
            throw new BadValue("(hidden, " + text.length() + " characters) (expected: at least " + MIN_SECRET
                    + " characters; 32 random bytes in base64 are best, the secret is all that protects the cluster)");
        }
        return text;
    }

    private static InetAddress address(String text) throws BadValue {
        return IpLiterals.parse(text.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> BadValue.expected(text, "an IPv4 or IPv6 address of this host"));
    }
}
