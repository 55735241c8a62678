package io.meridian.dns;

import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The CHAOS class names a server answers about itself, as BIND, NSD and Knot do:
 * <pre>
 * | name (class CH)              | QTYPE     | answer                                     |
 * |------------------------------|-----------|--------------------------------------------|
 * | id.server, hostname.bind     | TXT, ANY  | the NSID, when one is set; else REFUSED    |
 * | version.server, version.bind | TXT, ANY  | {@code dns.version}, when set; else REFUSED|
 * | anything else                |           | REFUSED                                    |
 * </pre>
 * Answers carry TTL 0, as they describe this server at this moment, not data to cache.
 */
final class ChaosAnswers {

    private ChaosAnswers() {
    }

    /** The TXT text that answers this CHAOS question, or null: REFUSED. */
    static String text(Record question, ServerIdentity identity) {
        if (question.getType() != Type.TXT && question.getType() != Type.ANY) {
            return null;
        }
        String name = question.getName().toString(true).toLowerCase(Locale.ROOT);
        switch (name) {
            case "id.server", "hostname.bind" -> {
                return identity.nsid().orElse(null);
            }
            case "version.server", "version.bind" -> {
                return identity.version().orElse(null);
            }
            default -> {
                return null;
            }
        }
    }

    /** The answer record, owned by the question's own name (its letter case kept). */
    static Record txt(Record question, String text) {
        return new TXTRecord(question.getName(), DClass.CH, 0, text);
    }
}
