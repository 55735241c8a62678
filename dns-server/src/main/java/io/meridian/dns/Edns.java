package io.meridian.dns;

import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The EDNS(0) part of a query, checked (RFC 6891 section 6.1.1, RFC 7871 section 6, RFC 7873
 * section 5.2.2; a COOKIE of the wrong length does not even parse, see {@link MalformedQuery}).
 *
 * @param opt    the query's OPT record, or null without EDNS
 * @param ecs    its Client Subnet option, or null
 * @param cookie its COOKIE option, or null
 * @param nsid   whether it asks for the NSID (RFC 5001)
 * @param badOpt more than one OPT, an OPT not owned by the root, or one outside the additional section
 * @param badEcs more than one ECS or COOKIE option, or a non-zero scope prefix in the query
 */
record Edns(OPTRecord opt, ClientSubnetOption ecs, CookieOption cookie, boolean nsid, boolean badOpt, boolean badEcs) {

    private static final Edns NONE = new Edns(null, null, null, false, false, false);

    static Edns of(Message query) {
        boolean bad = hasOpt(query, Section.ANSWER) || hasOpt(query, Section.AUTHORITY);
        OPTRecord opt = null;
        for (Record r : query.getSection(Section.ADDITIONAL)) {
            if (r.getType() == Type.OPT) {
                bad |= opt != null || !r.getName().equals(Name.root);
                opt = (OPTRecord) r;
            }
        }
        if (bad) {
            return new Edns(null, null, null, false, true, false);
        }
        if (opt == null) {
            return NONE;
        }
        List<EDNSOption> cookies = opt.getOptions(EDNSOption.Code.COOKIE);
        CookieOption cookie = cookies.size() == 1 && cookies.get(0) instanceof CookieOption c ? c : null;
        boolean nsid = !opt.getOptions(EDNSOption.Code.NSID).isEmpty();
        boolean badCookie = cookies.size() > 1;
        List<EDNSOption> subnets = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
        if (subnets.isEmpty()) {
            return new Edns(opt, null, cookie, nsid, false, badCookie);
        }
        if (subnets.size() > 1 || !(subnets.get(0) instanceof ClientSubnetOption)) {
            return new Edns(opt, null, cookie, nsid, false, true);
        }
        ClientSubnetOption ecs = (ClientSubnetOption) subnets.get(0);
        return new Edns(opt, ecs, cookie, nsid, false, badCookie || ecs.getScopePrefixLength() != 0);
    }

    private static boolean hasOpt(Message m, int section) {
        for (Record r : m.getSection(section)) {
            if (r.getType() == Type.OPT) {
                return true;
            }
        }
        return false;
    }
}
