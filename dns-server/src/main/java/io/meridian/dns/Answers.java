package io.meridian.dns;

import io.meridian.routing.Decision;
import io.meridian.routing.Endpoint;
import io.meridian.routing.Target;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What an existing name answers. Owner names are the query's own name object, so the
 * response keeps the query's letter case (compression points back at the question).
 * <pre>
 * | name                | QTYPE                 | answer                                             |
 * |---------------------|-----------------------|----------------------------------------------------|
 * | apex                | SOA / NS              | the SOA / every NS                                 |
 * | apex (no profile)   | ANY                   | the SOA only (RFC 8482: one RRset)                 |
 * | profile, host target| any (not SOA/NS@apex) | CNAME to the target (RFC 1034 3.6.2)               |
 * | profile, IP targets | A / AAAA              | the decision's IPv4 / IPv6 targets, in its order   |
 * | profile, IP targets | ANY                   | as A, or as AAAA when no IPv4 target (RFC 8482)    |
 * | name server in zone | A / AAAA / ANY        | its configured addresses of the type (ANY: as A)   |
 * | anything else       |                       | nothing: NODATA                                    |
 * </pre>
 * Answer TTL is the decision's TTL; apex records carry the zone TTL.
 */
final class Answers {

    private Answers() {
    }

    /** Adds the answer records; false when there are none (NODATA). */
    static boolean positive(Message response, Record question, ZoneIndex.ZoneData apex, Decision decision) {
        Name owner = question.getName();
        int qtype = question.getType();
        if (decision != null) {
            return fromDecision(response, owner, qtype, decision);
        }
        if (apex == null) {
            return false;
        }
        if (qtype == Type.SOA || qtype == Type.ANY) {
            response.addRecord(apex.soa().withName(owner), Section.ANSWER);
            return true;
        }
        if (qtype == Type.NS) {
            for (NSRecord ns : apex.ns()) {
                response.addRecord(ns.withName(owner), Section.ANSWER);
            }
            return true;
        }
        return false;
    }

    /** A name server's own addresses of the question's type, zone TTL; false when it has none of it. */
    static boolean nameServer(Message response, Record question, ZoneIndex.ZoneData zone, List<InetAddress> addresses) {
        boolean hasV4 = addresses.stream().anyMatch(a -> a instanceof Inet4Address);
        int type = question.getType() == Type.ANY ? (hasV4 ? Type.A : Type.AAAA) : question.getType();
        return addresses(response, question.getName(), type, zone.zone().ttl().getSeconds(), addresses);
    }

    /** Adds the addresses of {@code type} (A or AAAA) in their order; false when none is of that type. */
    private static boolean addresses(Message response, Name owner, int type, long ttl, List<InetAddress> addresses) {
        boolean any = false;
        for (InetAddress a : addresses) {
            if (type == Type.A && a instanceof Inet4Address) {
                response.addRecord(new ARecord(owner, DClass.IN, ttl, a), Section.ANSWER);
                any = true;
            } else if (type == Type.AAAA && a instanceof Inet6Address) {
                response.addRecord(new AAAARecord(owner, DClass.IN, ttl, a), Section.ANSWER);
                any = true;
            }
        }
        return any;
    }

    /** NXDOMAIN / NODATA authority: the zone's SOA with the negative TTL (RFC 2308 section 3). */
    static void negative(Message response, ZoneIndex.ZoneData zone) {
        response.addRecord(zone.negativeSoa(), Section.AUTHORITY);
    }

    private static boolean fromDecision(Message response, Name owner, int qtype, Decision d) {
        long ttl = d.ttlSeconds();
        for (Endpoint e : d.answers()) {
            if (e.target() instanceof Target.Host host) {
                response.addRecord(new CNAMERecord(owner, DClass.IN, ttl, absolute(host.name())), Section.ANSWER);
                return true; // a CNAME RRset has exactly one record
            }
        }
        int type = qtype == Type.ANY ? (has(d, Inet4Address.class) ? Type.A : Type.AAAA) : qtype;
        List<InetAddress> targets = new ArrayList<>(d.answers().size());
        for (Endpoint e : d.answers()) {
            targets.add(((Target.Address) e.target()).address());
        }
        return addresses(response, owner, type, ttl, targets);
    }

    private static boolean has(Decision d, Class<? extends InetAddress> family) {
        for (Endpoint e : d.answers()) {
            if (e.target() instanceof Target.Address a && family.isInstance(a.address())) {
                return true;
            }
        }
        return false;
    }

    private static Name absolute(String host) {
        try {
            return Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("target: '" + host + "' (expected: a host name)", e);
        }
    }
}
