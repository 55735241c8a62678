package io.meridian.director.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * The JGroups protocol stack of the cluster (ADR 8), bottom first. Everything above TCP is
 * encrypted and authenticated: SYM_ENCRYPT sits right above the transport, so discovery,
 * failure detection, merges and membership travel encrypted too, and SERIALIZE above it packs
 * every message (headers included) into an encrypted payload, so no header-only message (a join
 * request) passes unauthenticated. There is no second port: FD_SOCK2, diagnostics and multicast
 * are left out. Timings are for a WAN, in seconds (docs/cluster.md):
 *
 * <pre>
 * failure detection   FD_ALL3 heartbeat 1 s, suspect after 4 s, VERIFY_SUSPECT 1 s more
 * partition healing   MERGE3 every 1-3 s, checks views every 4 s
 * joining             GMS join timeout 1 s, 2 attempts, then alone (a restart with no peer serves)
 * retransmission      NAKACK2 / UNICAST3 every 200 ms
 * </pre>
 */
final class ClusterStack {
    private ClusterStack() {
    }

    static List<Protocol> build(InetAddress bind, int port, List<InetSocketAddress> seeds, SecretKey key) {
        List<Protocol> stack = new ArrayList<>();
        TCP tcp = new TCP();
        tcp.setBindAddress(bind);
        tcp.setBindPort(port);
        tcp.setPortRange(0); // exactly the configured port: a taken one is an error, not a silent move
        tcp.setValue("sock_conn_timeout", 500); // a dead seed must not stall joining
        tcp.tcpNodelay(true); // JGroups 5.2 defaults to Nagle: 40 ms stalls on every small message
        tcp.setValue("thread_naming_pattern", "cl");
        tcp.getThreadPool().setMinThreads(0).setMaxThreads(16).setKeepAliveTime(30_000);
        stack.add(tcp);
        SYM_ENCRYPT encrypt = new SYM_ENCRYPT();
        encrypt.symAlgorithm(ClusterKeys.CIPHER);
        encrypt.symIvLength(12);
        encrypt.setSecretKey(key);
        stack.add(encrypt);
        stack.add(new SERIALIZE());
        TCPPING ping = new TCPPING();
        ping.setInitialHosts(seeds);
        ping.setPortRange(0);
        ping.setValue("send_cache_on_join", true);
        stack.add(ping);
        stack.add(new MERGE3().setMinInterval(1000).setMaxInterval(3000).setCheckInterval(4000));
        stack.add(new FD_ALL3().setInterval(1000).setTimeout(4000));
        stack.add(new VERIFY_SUSPECT().setTimeout(1000));
        NAKACK2 nakack = new NAKACK2();
        nakack.setValue("use_mcast_xmit", false);
        nakack.setValue("xmit_interval", 200L);
        stack.add(nakack);
        UNICAST3 unicast = new UNICAST3();
        unicast.setValue("xmit_interval", 200L);
        stack.add(unicast);
        STABLE stable = new STABLE();
        stable.setValue("desired_avg_gossip", 5000L);
        stable.setValue("max_bytes", 1_000_000L);
        stack.add(stable);
        GMS gms = new GMS().setJoinTimeout(1000).setLeaveTimeout(1000).setMaxJoinAttempts(2);
        gms.setValue("print_local_addr", false);
        gms.setValue("view_ack_collection_timeout", 1000L);
        stack.add(gms);
        stack.add(new UFC());
        stack.add(new MFC());
        stack.add(new FRAG4());
        return stack;
    }
}
