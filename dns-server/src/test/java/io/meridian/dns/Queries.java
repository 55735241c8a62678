package io.meridian.dns;

import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builds test queries. */
final class Queries {

    private Queries() {
    }

    static Message query(String name, int type) {
        return query(name, type, DClass.IN);
    }

    static Message query(String name, int type, int dclass) {
        try {
            Message m = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, dclass));
            m.getHeader().setID(0x1234);
            return m;
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    static Message edns(Message m, int udpSize, int version, EDNSOption... options) {
        m.addRecord(new OPTRecord(udpSize, 0, version, 0, List.of(options)), Section.ADDITIONAL);
        return m;
    }

    static ClientSubnetOption ecs(String address, int prefix) {
        try {
            return new ClientSubnetOption(prefix, java.net.InetAddress.getByName(address));
        } catch (Exception e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
