package io.meridian.dns;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server says about itself: the NSID (RFC 5001), also the CHAOS TXT answer of
 * {@code id.server} and {@code hostname.bind}, and the {@code version.bind} /
 * {@code version.server} answer. Each is REFUSED when not set.
 *
 * @param nsid    this server's name among the cluster's, e.g. {@code westus2}
 * @param version what {@code version.bind} answers; empty = REFUSED, so the software version is not told
 */
public record ServerIdentity(Optional<String> nsid, Optional<String> version) {

    /** Neither an NSID nor a version. */
    public static final ServerIdentity NONE = new ServerIdentity(Optional.empty(), Optional.empty());

    public ServerIdentity {
        Objects.requireNonNull(nsid, "nsid");
        Objects.requireNonNull(version, "version");
        nsid = nsid.filter(s -> !s.isEmpty());
        version = version.filter(s -> !s.isEmpty());
        check("nsid", nsid);
        check("version", version);
    }

    /** The NSID option's payload: the name's bytes. */
    byte[] nsidBytes() {
        return nsid.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    private static void check(String field, Optional<String> value) {
        // one TXT character-string holds 255 bytes
        if (value.isPresent() && value.get().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException(field + ": " + value.get().length() + " characters (expected: at most 255 bytes)");
        }
    }
}
