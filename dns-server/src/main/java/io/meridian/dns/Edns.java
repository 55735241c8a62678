package io.meridian.dns;

import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The EDNS(0) part of a query, checked (RFC 6891 section 6.1.1, RFC 7871 section 6).
 *
 * @param opt    the query's OPT record, or null without EDNS
 * @param ecs    its Client Subnet option, or null
 * @param badOpt more than one OPT, an OPT not owned by the root, or one outside the additional section
 * @param badEcs more than one ECS option, or a non-zero scope prefix in the query
 */
record Edns(OPTRecord opt, ClientSubnetOption ecs, boolean badOpt, boolean badEcs) {

    private static final Edns NONE = new Edns(null, null, false, false);

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
            return new Edns(null, null, true, false);
        }
        if (opt == null) {
            return NONE;
        }
        List<EDNSOption> subnets = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
        if (subnets.isEmpty()) {
            return new Edns(opt, null, false, false);
        }
        if (subnets.size() > 1 || !(subnets.get(0) instanceof ClientSubnetOption)) {
            return new Edns(opt, null, false, true);
        }
        ClientSubnetOption ecs = (ClientSubnetOption) subnets.get(0);
        return new Edns(opt, ecs, false, ecs.getScopePrefixLength() != 0);
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
