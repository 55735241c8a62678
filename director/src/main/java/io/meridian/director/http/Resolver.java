package io.meridian.director.http;

import io.meridian.director.state.Monitors;
import io.meridian.director.state.Snapshot;
import io.meridian.dns.DnsResponder;
import io.meridian.probes.ProbeHealth;
import io.meridian.probes.ProbeTarget;
import io.meridian.routing.ClientContext;
import io.meridian.routing.Decision;
import io.meridian.routing.EndpointId;
import io.meridian.routing.HealthStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.xbill.DNS.Address;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code GET /api/v1/resolve}: asks the real DNS responder exactly what a query from the
 * client would get, and the routing table why. Both draw from the same seeded random
 * source, so a weighted answer and its explanation agree.
 */
final class Resolver {
    private final DnsResponder responder;

    Resolver(DnsResponder responder) {
        this.responder = responder;
    }

    /**
     * @param client the client address, or a subnet {@code ADDR/PREFIX} sent as EDNS Client Subnet
     */
    JsonObject resolve(String name, String type, String client, InetAddress requester, Snapshot snapshot) {
        int qtype = Type.value(type == null ? "A" : type);
        if (qtype < 0) {
            throw ApiError.badRequest("type: " + type + " (expected: a DNS type such as A, AAAA, CNAME, SOA, NS)");
        }
        ClientContext context = clientContext(client, requester);
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), qtype, DClass.IN));
        } catch (TextParseException | RuntimeException e) {
            throw ApiError.badRequest("name: " + name + " (expected: a DNS name)");
        }
        if (context.fromEcs()) {
            query.addRecord(new OPTRecord(1232, 0, 0, 0,
                    List.of(new ClientSubnetOption(context.sourcePrefix(), context.address()))), Section.ADDITIONAL);
        }
        long seed = new SplittableRandom().nextLong();
        DnsResponder.Reply reply = responder.respond(query.toWire(), context.address(), true, snapshot.dns(),
                new SplittableRandom(seed));
        if (reply.wire() == null) {
            throw new IllegalStateException("the responder dropped a well-formed query for " + name);
        }
        Message response;
        try {
            response = new Message(reply.wire());
        } catch (IOException e) {
            throw new IllegalStateException("the responder produced an unreadable response", e);
        }
        JsonObject json = new JsonObject()
                .put("name", name)
                .put("type", Type.string(qtype))
                .put("client", client == null ? context.address().getHostAddress() : client)
                .put("rcode", Rcode.string(response.getRcode()))
                .put("answer", records(response, Section.ANSWER))
                .put("authority", records(response, Section.AUTHORITY));
        Decision decision = reply.decision();
        if (decision != null) {
            Decision explained = snapshot.table().explain(decision.profile(), context, new SplittableRandom(seed));
            json.put("profile", decision.profile())
                    .put("endpoints", new JsonArray(decision.answers().stream().map(e -> e.name()).toList()))
                    .put("scopePrefix", decision.scopePrefix())
                    .put("failOpen", decision.failOpen())
                    .put("latencySource", explained.latency() == null ? null : explained.latency().label())
                    .put("allDown", snapshot.table().allDown(decision.profile()))
                    .put("explanation", explained.explanation() + operations(snapshot, decision.profile())
                            + votes(snapshot, decision.profile()));
            if (snapshot.clustered()) {
                json.put("views", views(snapshot, decision.profile()));
            }
        }
        return json;
    }

    /**
     * What operators and alerts did to the profile's endpoints, and how several monitors of one
     * endpoint combined: the layers the routing table's own explanation does not name.
     */
    private static String operations(Snapshot snapshot, String profile) {
        StringBuilder s = new StringBuilder();
        snapshot.table().profile(profile).ifPresent(p -> p.endpoints().forEach(e -> {
            EndpointId id = new EndpointId(profile, e.name());
            String region = snapshot.regions().of(id);
            snapshot.operator().region(region == null ? "" : region).filter(o -> Boolean.FALSE.equals(o.enabled()))
                    .ifPresent(o -> s.append("; ").append(e.name()).append(" disabled with region ").append(region)
                            .append(OverrideText.of(o)));
            snapshot.operator().endpoint(id).filter(o -> !o.removed()).ifPresent(o -> s.append("; ").append(e.name())
                    .append(o.enabled() ? " enabled" : " disabled").append(" by operator").append(OverrideText.of(o)));
            String alert = snapshot.alerted().get(id);
            if (alert != null) {
                s.append("; ").append(e.name()).append(" degraded by alert ").append(alert);
            }
            Monitors monitors = snapshot.probes().get(id);
            if (monitors != null && monitors.targets().size() > 1) {
                s.append("; ").append(e.name()).append(" monitors (").append(monitors.required()).append(" of ")
                        .append(monitors.targets().size()).append(" must pass):");
                String sep = " ";
                for (ProbeTarget t : monitors.targets()) {
                    ProbeHealth h = snapshot.probeHealth(t);
                    s.append(sep).append(t).append(' ').append((h == null ? HealthStatus.CHECKING : h.status()).label());
                    sep = ", ";
                }
            }
        }));
        return s.toString();
    }

    /** In a cluster: how each director voted on each probed endpoint of the profile, for the explanation. */
    private static String votes(Snapshot snapshot, String profile) {
        if (!snapshot.clustered()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        forProbed(snapshot, profile, (id, monitors) -> s.append("; ").append(ClusterJson.votes(snapshot, id,
                monitors.interval())));
        return s.toString();
    }

    private static JsonObject views(Snapshot snapshot, String profile) {
        JsonObject views = new JsonObject();
        forProbed(snapshot, profile, (id, monitors) -> views.put(id.endpoint(),
                ClusterJson.views(snapshot, id, monitors.interval())));
        return views;
    }

    private static void forProbed(Snapshot snapshot, String profile, BiConsumer<EndpointId, Monitors> each) {
        snapshot.table().profile(profile).ifPresent(p -> p.endpoints().forEach(e -> {
            EndpointId id = new EndpointId(profile, e.name());
            Monitors monitors = snapshot.probes().get(id);
            if (monitors != null) {
                each.accept(id, monitors);
            }
        }));
    }

    private static ClientContext clientContext(String client, InetAddress requester) {
        if (client == null || client.isBlank()) {
            return ClientContext.ofAddress(requester);
        }
        int slash = client.indexOf('/');
        InetAddress address = ClientAddress.literal(slash < 0 ? client : client.substring(0, slash));
        if (address == null) {
            throw ApiError.badRequest("client: " + client + " (expected: an IP address or ADDRESS/PREFIX)");
        }
        if (slash < 0) {
            return ClientContext.ofAddress(address);
        }
        try {
            int prefix = Integer.parseInt(client.substring(slash + 1));
            // host bits cleared, as a resolver sends a subnet (RFC 7871 section 6)
            return ClientContext.ofSubnet(Address.truncate(address, prefix), prefix);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("client: " + client + " (expected: a prefix length 0.."
                    + address.getAddress().length * 8 + ")");
        }
    }

    private static JsonArray records(Message message, int section) {
        JsonArray out = new JsonArray();
        for (Record r : message.getSection(section)) {
            out.add(r.toString());
        }
        return out;
    }
}
