package io.meridian.dns;

import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query into its response: the only place that decides a DNS rcode, the client a
 * decision is for and the ECS scope echoed. Pure but for the cache of encoded responses the
 * snapshot carries (see {@link ResponseCache}); safe from any thread, and one instance serves
 * the DNS listeners and the resolve API alike.
 *
 * <p>Decision table, first matching row wins (mirrored row for row by {@code DnsResponderTest}):
 * <pre>
 * | #  | query                                                       | response                          |
 * |----|-------------------------------------------------------------|-----------------------------------|
 * | 1  | shorter than the 12-byte header                             | dropped                           |
 * | 2  | QR set (it is a response)                                   | dropped                           |
 * | 3  | does not parse (bad names, lengths, malformed ECS or COOKIE)| FORMERR, question and OPT if read |
 * | 4  | opcode other than QUERY                                     | NOTIMP, RD and CD cleared         |
 * | 5  | QDCOUNT != 1                                                | FORMERR                           |
 * | 6  | more than one OPT, OPT not owned by root or not additional  | FORMERR, no OPT                   |
 * | 7  | more than one ECS or COOKIE option, or ECS scope prefix != 0| FORMERR, OPT without ECS          |
 * | 8  | EDNS version > 0                                            | BADVERS, OPT version 0            |
 * | 9  | QTYPE is OPT (a meta type that cannot be asked)             | FORMERR                           |
 * | 10a| CHAOS TXT id.server / hostname.bind with an NSID set, or    | NOERROR, AA, TXT (class CH, TTL 0)|
 * |    | version.bind / version.server with a version set            |                                   |
 * | 10 | QCLASS other than IN (CHAOS otherwise included)             | REFUSED                           |
 * | 11 | QTYPE AXFR or IXFR (no zone transfers)                      | REFUSED                           |
 * | 12 | name outside every zone                                     | REFUSED                           |
 * | 13 | name in a zone that does not exist                          | NXDOMAIN, SOA in authority        |
 * | 14 | no snapshot published yet, or answering throws (a bug)      | SERVFAIL                          |
 * | 15 | name exists, no records of the type                         | NOERROR (NODATA), SOA in authority|
 * | 16 | otherwise                                                   | NOERROR with the answer           |
 * </pre>
 * AA is set only on answers from the zone's authority (rows 10a, 13, 15, 16: RFC 1035 section
 * 4.1.1; REFUSED, NOTIMP, FORMERR and SERVFAIL are not authoritative answers, as in NSD). RA is
 * never set. Every response echoes ID and opcode, RD and CD but for NOTIMP, and carries OPT when
 * the query did (rows 3-5, 7-16). ECS is echoed with the decision's scope prefix, 0 when no
 * routing decision was involved. With an OPT go the NSID when asked and set, and a fresh server
 * cookie when the query had a COOKIE and cookies are on ({@link ServerCookies}). What a name
 * answers (row 16) is described in {@link Answers}.
 */
public final class DnsResponder {

    private static final Logger LOG = LoggerFactory.getLogger(DnsResponder.class);
    static final int HEADER_LENGTH = 12;
    private static final int MAX_TCP_LENGTH = 65535;
    private static final int BADVERS = 16;
    /** The COOKIE option of a response: code, length, 8-byte client cookie, 16-byte server cookie. */
    private static final int COOKIE_OPTION = 4 + ServerCookies.CLIENT_LENGTH + ServerCookies.SERVER_LENGTH;

    private final int udpSize;
    private final ServerIdentity identity;
    private final ServerCookies cookies;
    private final AtomicLong failures = new AtomicLong();

    /** @param udpSize our EDNS UDP payload size, the cap on UDP responses to EDNS queries */
    public DnsResponder(int udpSize) {
        this(udpSize, ServerIdentity.NONE, ServerCookies.off());
    }

    /**
     * @param udpSize  our EDNS UDP payload size, the cap on UDP responses to EDNS queries
     * @param identity the NSID and the CHAOS answers
     * @param cookies  server cookies, or {@link ServerCookies#off()}
     */
    public DnsResponder(int udpSize, ServerIdentity identity, ServerCookies cookies) {
        if (udpSize < 512 || udpSize > 65535) {
            throw new IllegalArgumentException("udpSize: " + udpSize + " (expected: 512..65535)");
        }
        this.udpSize = udpSize;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    /**
     * The response to one query.
     *
     * @param wire     encoded response, or null to drop the query
     * @param qtype    question type, -1 when there was no readable single question
     * @param rcode    response code with the extended bits (16 = BADVERS); -1 when dropped
     * @param decision the routing decision the answer came from, or null
     */
    public record Reply(byte[] wire, int qtype, int rcode, Decision decision) {
        static final Reply DROP = new Reply(null, -1, -1, null);
    }

    /** Answers one wire-format query that came from {@code resolver} over UDP or TCP. */
    public Reply respond(byte[] query, InetAddress resolver, boolean tcp, DnsSnapshot snapshot, RandomGenerator random) {
        if (query.length < HEADER_LENGTH || (query[2] & 0x80) != 0) {
            return Reply.DROP; // rows 1, 2: nothing to answer, and never answer a response
        }
        if (snapshot == null) {
            return new Reply(headerOnly(query, Rcode.SERVFAIL), -1, Rcode.SERVFAIL, null); // row 14: not ready
        }
        try {
            SimpleQuery simple = SimpleQuery.parse(query);
            Reply fast = simple == null ? null : respondSimple(simple, query, resolver, tcp, snapshot, random);
            return fast != null ? fast : respondParsed(query, resolver, tcp, snapshot, random);
        } catch (RuntimeException e) {
            logFailure("answering a query from " + resolver.getHostAddress(), e);
            return new Reply(headerOnly(query, Rcode.SERVFAIL), -1, Rcode.SERVFAIL, null); // row 14
        }
    }

    /**
     * The common query shape: decide as the full path would (same client, same decision, same
     * scope), then take the encoded response from the cache, or encode it once with the full path.
     * Null when the decision fails: the full path decides again and answers SERVFAIL.
     */
    private Reply respondSimple(SimpleQuery sq, byte[] query, InetAddress resolver, boolean tcp, DnsSnapshot snapshot,
                                RandomGenerator random) {
        ZoneIndex idx = snapshot.index();
        Decision decision;
        try {
            decision = decideSimple(sq, query, resolver, snapshot, random, null);
        } catch (RuntimeException e) {
            return null;
        }
        int limit = limit(sq, tcp);
        ResponseCache.Key key = ResponseCache.Key.of(sq, echoedScope(decision, sq.ecsSource()), decision);
        ResponseCache.Entry entry = idx.cache.get(key);
        int cookie = sq.hasCookie() && cookies.enabled() ? COOKIE_OPTION : 0;
        if (entry != null && entry.wire().length + cookie <= limit) {
            byte[] out = ResponseCache.patch(entry, query, sq, cookie);
            if (cookie == 0 || appendCookie(out, query, sq, resolver)) {
                return new Reply(out, sq.qtype(), entry.rcode(), decision);
            }
        }
        Message parsed;
        try {
            parsed = new Message(query);
        } catch (IOException | RuntimeException e) {
            return null; // the full path answers FORMERR
        }
        Decision decided = decision;
        Result r = respond(parsed, resolver, idx, (p, c) -> decided);
        if (entry == null) {
            byte[] stored = cookie == 0 ? r.message().toWire() : withoutCookie(r.message().toWire(), sq);
            if (stored != null) {
                idx.cache.put(key, stored, r.rcode());
            }
        }
        return new Reply(r.message().toWire(limit), sq.qtype(), r.rcode(), decision);
    }

    /**
     * The cached answer to a UDP query of the common shape, written into {@code out} at
     * {@code at} without allocating (a transport's own thread, with its {@code scratch}): the
     * query is the first {@code length} bytes of {@code q}. The same decision and the same bytes
     * as {@link #respond(byte[], InetAddress, boolean, DnsSnapshot, RandomGenerator)}; returns the
     * response's length, or 0 when this path cannot answer (another shape, a COOKIE to answer,
     * not cached yet, longer than the client takes, a failed decision): then the caller asks {@code respond}, which
     * also stores the answer for the next time. What was answered is left in {@code scratch}.
     */
    int respondCached(byte[] q, int length, InetAddress resolver, DnsSnapshot snapshot, RandomGenerator random,
                      ByteBuffer out, int at, QueryScratch scratch) {
        SimpleQuery sq = scratch.simple();
        if (length < HEADER_LENGTH || (q[2] & 0x80) != 0 || !sq.read(q, length) || sq.hasCookie() && cookies.enabled()) {
            return 0; // a cookie-bearing query gets its fresh server cookie on respond's cached path
        }
        Decision decision;
        try {
            decision = decideSimple(sq, q, resolver, snapshot, random, scratch);
        } catch (RuntimeException e) {
            return 0;
        }
        ResponseCache.Entry entry = snapshot.index().cache.get(
                scratch.key().set(sq, echoedScope(decision, sq.ecsSource()), decision));
        int limit = limit(sq, false);
        if (entry == null || entry.wire().length > limit) {
            return 0;
        }
        scratch.answered(sq.qtype(), entry.rcode(), decision, entry.wire());
        return ResponseCache.patchInto(entry, q, sq, out, at);
    }

    /**
     * The routing decision the full path makes for a simple query (same client, same profile),
     * or null when no profile answers its name; throws when deciding fails.
     *
     * @param scratch a transport thread's, which keeps the client of its last resolver; or null
     */
    private static Decision decideSimple(SimpleQuery sq, byte[] query, InetAddress resolver, DnsSnapshot snapshot,
                                         RandomGenerator random, QueryScratch scratch) {
        ZoneIndex idx = snapshot.index();
        String profile = idx.routedProfile(sq.name(), sq.qtype(), idx.isApex(sq.name()));
        if (profile == null) {
            return null;
        }
        ClientContext client = sq.hasEcs() ? client(resolver, sq.ecsAddress(query), sq.ecsSource())
                : scratch != null ? scratch.client(resolver) : ClientContext.ofAddress(resolver);
        return snapshot.table().decide(profile, client, random);
    }

    /**
     * Fills the {@link #COOKIE_OPTION} bytes left at the end of {@code out} (a stored response
     * patched for this query, its OPT last and without a COOKIE) with the COOKIE option the full
     * path would add there: the query's client cookie and a fresh server cookie. False when the
     * stored OPT is not the shape expected (then the full path answers).
     */
    private boolean appendCookie(byte[] out, byte[] query, SimpleQuery sq, InetAddress resolver) {
        int at = out.length - COOKIE_OPTION;
        int rdlength = optRdlengthAt(at, sq);
        if (rdlength < 0 || u16(out, rdlength) != ecsOptionLength(sq)) {
            return false;
        }
        putU16(out, rdlength, ecsOptionLength(sq) + COOKIE_OPTION);
        putU16(out, at, EDNSOption.Code.COOKIE);
        putU16(out, at + 2, COOKIE_OPTION - 4);
        System.arraycopy(query, sq.cookieOffset(), out, at + 4, ServerCookies.CLIENT_LENGTH);
        cookies.fresh(query, sq.cookieOffset(), resolver, out, at + 4 + ServerCookies.CLIENT_LENGTH);
        return true;
    }

    /** A full-path response to a query with a COOKIE, without its COOKIE option (the last one of OPT, the last record). */
    private static byte[] withoutCookie(byte[] wire, SimpleQuery sq) {
        int at = wire.length - COOKIE_OPTION;
        int rdlength = optRdlengthAt(at, sq);
        if (rdlength < 0 || u16(wire, at) != EDNSOption.Code.COOKIE || u16(wire, at + 2) != COOKIE_OPTION - 4
                || u16(wire, rdlength) != ecsOptionLength(sq) + COOKIE_OPTION) {
            return null; // not the shape a hit can rebuild: do not store it
        }
        byte[] stored = java.util.Arrays.copyOf(wire, at);
        putU16(stored, rdlength, ecsOptionLength(sq));
        return stored;
    }

    /** Where the RDLENGTH of the OPT record is, when its options before {@code optionsEnd} are the ECS alone; -1 if out of range. */
    private static int optRdlengthAt(int optionsEnd, SimpleQuery sq) {
        int at = optionsEnd - ecsOptionLength(sq) - 2;
        return at < HEADER_LENGTH + sq.nameLength() + 4 ? -1 : at;
    }

    /** The length of the ECS option a response to {@code sq} carries, header included; 0 without ECS. */
    private static int ecsOptionLength(SimpleQuery sq) {
        return sq.hasEcs() ? 8 + sq.ecsAddressLength() : 0;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private Reply respondParsed(byte[] query, InetAddress resolver, boolean tcp, DnsSnapshot snapshot,
                                RandomGenerator random) {
        Message parsed;
        try {
            parsed = new Message(query);
        } catch (IOException | RuntimeException e) {
            return new Reply(MalformedQuery.formerr(query, udpSize), -1, Rcode.FORMERR, null); // row 3
        }
        Decider decider = (profile, client) -> snapshot.table().decide(profile, client, random);
        Result r = respond(parsed, resolver, snapshot.index(), decider);
        byte[] wire = r.message.toWire(tcp ? MAX_TCP_LENGTH : udpLimit(parsed));
        return new Reply(wire, r.qtype, r.rcode, r.decision);
    }

    /**
     * Whether the query carries a server cookie of ours for this client (RFC 7873 section 5.2.5):
     * such a client proved it receives our responses, so rate limiting lets it through. Reads the
     * query again (by hand when it has the simple shape, else with dnsjava); asked only of
     * responses that are about to be limited.
     */
    public boolean hasValidServerCookie(byte[] query, InetAddress client) {
        if (!cookies.enabled()) {
            return false;
        }
        SimpleQuery sq = query.length < HEADER_LENGTH ? null : SimpleQuery.parse(query);
        if (sq != null) {
            return sq.hasCookie() && cookies.verifies(query, sq.cookieOffset(), sq.cookieLength(), client);
        }
        try {
            CookieOption cookie = Edns.of(new Message(query)).cookie();
            return cookie != null && cookies.verifies(cookie.getClientCookie(), cookie.getServerCookie().orElse(null), client);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Answers a parsed query; for the API and tests. The result is a new message. */
    public Message respond(Message query, InetAddress resolver, DnsSnapshot snapshot, RandomGenerator random) {
        return respond(query, resolver, snapshot.index(),
                (profile, client) -> snapshot.table().decide(profile, client, random)).message;
    }

    /** The routing decision for a profile (by name); lets the fast path decide before it looks up. */
    @FunctionalInterface
    interface Decider {
        Decision decide(String profile, ClientContext client);
    }

    record Result(Message message, int qtype, int rcode, Decision decision, boolean ecs) { }

    /** Who the decision is for: the ECS subnet when the query carried one, else the resolver. */
    static ClientContext client(InetAddress resolver, InetAddress ecsAddress, int ecsSource) {
        return ecsAddress != null ? ClientContext.ofSubnet(ecsAddress, ecsSource) : ClientContext.ofAddress(resolver);
    }

    /**
     * The ECS scope a response echoes: the decision's, also when longer than the source prefix (RFC
     * 7871 section 7.2.1: the source was not specific enough for the data; ADR 13); 0 without a
     * decision and for a source prefix of 0.
     */
    static int echoedScope(Decision decision, int sourcePrefix) {
        return decision == null || sourcePrefix == 0 ? 0 : decision.scopePrefix();
    }

    /** The largest UDP response this query may get (RFC 6891 section 6.2.5). */
    int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? 512 : udpLimit(opt.getPayloadSize());
    }

    /** The largest response a simple query may get. */
    private int limit(SimpleQuery sq, boolean tcp) {
        return tcp ? MAX_TCP_LENGTH : sq.edns() == SimpleQuery.NO_EDNS ? 512 : udpLimit(sq.udpSize());
    }

    int udpLimit(int requested) {
        return Math.max(512, Math.min(requested, udpSize));
    }

    Result respond(Message query, InetAddress resolver, ZoneIndex idx, Decider decider) {
        Header qh = query.getHeader();
        if (qh.getOpcode() != Opcode.QUERY) {
            return error(query, resolver, Rcode.NOTIMP, optOf(query)); // row 4
        }
        if (query.getSection(Section.QUESTION).size() != 1) {
            return error(query, resolver, Rcode.FORMERR, optOf(query)); // row 5
        }
        Edns edns = Edns.of(query);
        if (edns.badOpt()) {
            return error(query, resolver, Rcode.FORMERR, null); // row 6
        }
        if (edns.badEcs()) {
            return error(query, resolver, Rcode.FORMERR, edns.opt()); // row 7
        }
        if (edns.opt() != null && edns.opt().getVersion() > 0) {
            return error(query, resolver, BADVERS, edns.opt()); // row 8
        }
        Record question = query.getQuestion();
        int qtype = question.getType();
        if (qtype == Type.OPT) {
            return error(query, resolver, Rcode.FORMERR, edns.opt()); // row 9
        }
        if (question.getDClass() == DClass.CH) {
            String text = ChaosAnswers.text(question, identity);
            if (text != null) {
                Message response = newResponse(query, true);
                response.addRecord(ChaosAnswers.txt(question, text), Section.ANSWER);
                return finish(response, resolver, qtype, Rcode.NOERROR, null, edns); // row 10a
            }
        }
        if (question.getDClass() != DClass.IN || qtype == Type.AXFR || qtype == Type.IXFR) {
            return error(query, resolver, Rcode.REFUSED, edns.opt()); // rows 10, 11
        }
        ZoneIndex.ZoneData zone = idx.zoneFor(question.getName());
        if (zone == null) {
            return error(query, resolver, Rcode.REFUSED, edns.opt()); // row 12
        }
        String name = question.getName().toString(true).toLowerCase(Locale.ROOT);
        boolean apex = name.equals(zone.zone().name());
        Message response = newResponse(query, true);
        if (!apex && !idx.exists(name)) {
            Answers.negative(response, zone);
            return finish(response, resolver, qtype, Rcode.NXDOMAIN, null, edns); // row 13
        }
        String profile = idx.routedProfile(name, qtype, apex);
        Decision decision = null;
        boolean answered;
        try {
            if (profile != null) {
                ClientSubnetOption ecs = edns.ecs();
                decision = decider.decide(profile, client(resolver, ecs == null ? null : ecs.getAddress(),
                        ecs == null ? 0 : ecs.getSourcePrefixLength()));
            }
            answered = Answers.positive(response, question, apex ? zone : null, decision)
                    || decision == null && Answers.nameServer(response, question, zone, idx.nameServerAddresses(name));
        } catch (RuntimeException e) {
            logFailure("answering " + name + " " + Type.string(qtype) + " from profile "
                    + (profile == null ? "-" : profile), e);
            return error(query, resolver, Rcode.SERVFAIL, edns.opt()); // row 14
        }
        if (!answered) {
            Answers.negative(response, zone); // row 15
        }
        return finish(response, resolver, qtype, Rcode.NOERROR, decision, edns); // rows 15, 16
    }

    /** Logs the 1st, 10th, 100th... failure: a broken table must not flood the log at query rate. */
    private void logFailure(String what, RuntimeException e) {
        long n = failures.incrementAndGet();
        if (Long.toString(n).matches("10*")) {
            LOG.error("{} failed (SERVFAIL; failure number {}, logging only powers of ten)", what, n, e);
        }
    }

    private static OPTRecord optOf(Message query) {
        Edns e = Edns.of(query);
        return e.badOpt() ? null : e.opt();
    }

    private Result finish(Message response, InetAddress resolver, int qtype, int rcode, Decision decision, Edns edns) {
        response.getHeader().setRcode(rcode & 0xf);
        if (edns.opt() != null) {
            response.addRecord(responseOpt(rcode, edns, edns.ecs(), decision, resolver), Section.ADDITIONAL);
        }
        return new Result(response, qtype, rcode, decision, edns.ecs() != null);
    }

    private Result error(Message query, InetAddress resolver, int rcode, OPTRecord queryOpt) {
        Message response = newResponse(query, false);
        int qtype = query.getSection(Section.QUESTION).size() == 1 ? query.getQuestion().getType() : -1;
        response.getHeader().setRcode(rcode & 0xf);
        if (rcode == Rcode.NOTIMP) {
            // what the query's flags mean depends on its opcode, which we do not know (as NSD)
            response.getHeader().unsetFlag(Flags.RD);
            response.getHeader().unsetFlag(Flags.CD);
        }
        if (queryOpt != null) {
            // ECS is echoed with scope 0 on errors (RFC 7871 section 7.2.2); not after a bad ECS
            Edns edns = Edns.of(query);
            ClientSubnetOption ecs = rcode == Rcode.FORMERR ? null : edns.ecs();
            response.addRecord(responseOpt(rcode, edns.badOpt() ? null : edns, ecs, null, resolver), Section.ADDITIONAL);
        }
        return new Result(response, qtype, rcode, null, false);
    }

    /** @param edns the query's checked EDNS, or null when it was bad (then no NSID or cookie either) */
    private OPTRecord responseOpt(int rcode, Edns edns, ClientSubnetOption ecs, Decision decision, InetAddress resolver) {
        int flags = edns == null ? 0 : edns.opt().getFlags() & ExtendedFlags.DO; // RFC 3225: copy DO
        List<EDNSOption> options = new ArrayList<>(3);
        if (ecs != null) {
            options.add(new ClientSubnetOption(ecs.getSourcePrefixLength(),
                    echoedScope(decision, ecs.getSourcePrefixLength()), ecs.getAddress()));
        }
        if (edns != null && edns.nsid() && identity.nsid().isPresent()) {
            options.add(new NSIDOption(identity.nsidBytes()));
        }
        if (edns != null && edns.cookie() != null && cookies.enabled()) {
            byte[] client = edns.cookie().getClientCookie();
            options.add(new CookieOption(client, cookies.fresh(client, resolver))); // RFC 7873 sections 5.2.3-5.2.5
        }
        return new OPTRecord(udpSize, rcode >>> 4, 0, flags, options);
    }

    private static Message newResponse(Message query, boolean authoritative) {
        Header qh = query.getHeader();
        Message response = new Message(qh.getID());
        Header h = response.getHeader();
        h.setOpcode(qh.getOpcode());
        h.setFlag(Flags.QR);
        if (authoritative) {
            h.setFlag(Flags.AA);
        }
        if (qh.getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        if (qh.getFlag(Flags.CD)) {
            h.setFlag(Flags.CD);
        }
        if (query.getSection(Section.QUESTION).size() == 1) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    /** A header-only response (SERVFAIL before the first snapshot): ID, opcode, RD echoed; not AA. */
    static byte[] headerOnly(byte[] query, int rcode) {
        byte[] r = new byte[HEADER_LENGTH];
        r[0] = query[0];
        r[1] = query[1];
        r[2] = (byte) (0x80 | (query[2] & 0x79)); // QR, and the query's opcode and RD
        r[3] = (byte) rcode;
        return r;
    }
}
