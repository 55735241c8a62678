package io.meridian.director.cluster;

import io.meridian.config.ClusterConfig;
import io.meridian.config.IpPort;
import io.meridian.director.state.SharedSample;
import io.meridian.director.state.EndpointVote;
import io.meridian.director.state.OperatorOverride;
import io.meridian.director.state.OverrideKey;
import io.meridian.director.state.PeerView;
import io.meridian.director.state.SharedConfig;
import io.meridian.director.state.Stamp;
import io.meridian.routing.EndpointId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This director's seat in the cluster: a JGroups channel (encrypted and authenticated, see
 * {@link ClusterStack}) that carries overrides, configs and views between directors. It only
 * moves messages: what they mean is the controller's business ({@link Listener}), and nothing
 * on a query path ever waits for it.
 *
 * <p>Replication is last-writer-wins by stamp and needs no coordinator: a change is multicast
 * once; whenever the membership grows (a director joins, a partition heals: a MergeView) every
 * director multicasts its whole state, and again every {@link #GOSSIP_SECONDS} as a safety net,
 * so the newest change of each override and of the config reaches everyone.
 *
 * <p>Threads: JGroups calls {@link Listener} on its own threads (implementations hand off to
 * their context); sends go through one sender thread, because a send may block on flow control.
 */
public final class ClusterNode implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    static final String CLUSTER_NAME = "meridian";
    static final int GOSSIP_SECONDS = 30;

    /** What arrives from other directors. Called on JGroups threads: never block. */
    public interface Listener {
        void overrides(Map<OverrideKey, OperatorOverride> overrides);

        void config(SharedConfig config);

        void view(PeerView view);

        /** Measurement samples another director accepted (SPEC section 9: the table is shared). */
        default void samples(List<SharedSample> samples) {
        }

        void membership(Set<String> reachable);
    }

    /** Everything this director would replicate, read when a full state is due. */
    public record Replicated(Map<OverrideKey, OperatorOverride> overrides, SharedConfig config) {
    }

    private final ClusterConfig config;
    private final InstantSource clock;
    private final Listener listener;
    private final Supplier<Replicated> state;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "meridian-cluster-send");
        t.setDaemon(true);
        return t;
    });
    private final Duration gossip;
    private volatile JChannel channel;
    private volatile View view;
    private volatile String address = "";

    public ClusterNode(ClusterConfig config, InstantSource clock, Listener listener, Supplier<Replicated> state) {
        this(config, clock, listener, state, Duration.ofSeconds(GOSSIP_SECONDS));
    }

    /** With the period of the full-state gossip (tests make it long, to see what the join alone sends). */
    ClusterNode(ClusterConfig config, InstantSource clock, Listener listener, Supplier<Replicated> state,
                Duration gossip) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.state = Objects.requireNonNull(state, "state");
        this.gossip = Objects.requireNonNull(gossip, "gossip");
    }

    /**
     * Joins the cluster (or, with no seed reachable, forms it alone). Blocking: a few seconds at
     * most (key derivation, then at most two join attempts of a second); call it on a worker.
     */
    public void start() throws Exception {
        SecretKey key = ClusterKeys.transport(config.secret());
        IpPort listen = config.listen();
        List<InetSocketAddress> seeds = config.members().stream().map(IpPort::toSocketAddress).toList();
        JChannel ch = new JChannel(ClusterStack.build(listen.address(), listen.port(), seeds, key));
        ch.setName(config.node());
        ch.setDiscardOwnMessages(true);
        ch.setReceiver(this);
        ch.connect(CLUSTER_NAME);
        channel = ch;
        // The first view arrives inside connect(), when the channel cannot send yet, so the state
        // sent for it is dropped: without this, a director joining a running cluster kept its own
        // config (and SOA serial) apart from the others' until the next gossip (zonemaster
        // MULTIPLE_SOA_SERIALS on a cluster just started, bench/conformance/run).
        sender.execute(this::sendState);
        PhysicalAddress physical = (PhysicalAddress) ch.down(new Event(Event.GET_PHYSICAL_ADDRESS, ch.getAddress()));
        address = physical instanceof IpAddress ip
                ? new IpPort(ip.getIpAddress(), ip.getPort()).toString() : listen.toString();
        sender.scheduleWithFixedDelay(this::sendState, gossip.toMillis(), gossip.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("cluster: {} listening on {}, {} of {} director(s) reachable: {}", config.node(), address,
                reachable(ch.getView()).size(), config.size(), reachable(ch.getView()));
    }

    /** Leaves the cluster (the others see this director go at once, not after failure detection). */
    public void stop() {
        sender.shutdownNow();
        JChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** This director's cluster address as bound (the configured one, with the port picked for port 0). */
    public String address() {
        return address;
    }

    public void publishOverrides(Map<OverrideKey, OperatorOverride> overrides) {
        send(new ClusterMessage.Overrides(config.node(), overrides));
    }

    public void publishConfig(SharedConfig shared) {
        send(new ClusterMessage.Config(config.node(), shared));
    }

    public void publishView(Stamp configVersion, Map<EndpointId, EndpointVote> endpoints) {
        send(new ClusterMessage.View(config.node(), address, configVersion, endpoints));
    }

    /** Samples this director accepted, for the others' latency tables. */
    public void publishSamples(List<SharedSample> samples) {
        send(new ClusterMessage.Samples(config.node(), samples));
    }

    private void sendState() {
        Replicated now = state.get();
        send(new ClusterMessage.State(config.node(), now.overrides(), now.config()));
    }

    private void send(ClusterMessage message) {
        try {
            sender.execute(() -> {
                JChannel ch = channel;
                if (ch == null || !ch.isConnected()) {
                    return;
                }
                try {
                    ch.send(new BytesMessage(null, ClusterMessage.encode(message)));
                } catch (Exception e) {
                    LOG.warn("cluster: cannot send a {} message: {}", message.getClass().getSimpleName(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: nothing to send any more
        }
    }

    @Override
    public void receive(Message msg) {
        ClusterMessage message;
        try {
            message = ClusterMessage.decode(msg.getArray() == null ? new byte[0]
                    : Arrays.copyOfRange(msg.getArray(), msg.getOffset(), msg.getOffset() + msg.getLength()));
        } catch (RuntimeException e) {
            LOG.warn("cluster: dropping an unreadable message from {}: {}", msg.getSrc(), e.toString());
            return;
        }
        if (message instanceof ClusterMessage.State s) {
            listener.overrides(s.overrides());
            if (s.config() != null) {
                listener.config(s.config());
            }
        } else if (message instanceof ClusterMessage.Overrides o) {
            listener.overrides(o.overrides());
        } else if (message instanceof ClusterMessage.Config c) {
            listener.config(c.config());
        } else if (message instanceof ClusterMessage.Samples s) {
            listener.samples(s.samples());
        } else {
            ClusterMessage.View v = (ClusterMessage.View) message;
            listener.view(new PeerView(v.from(), v.address(), v.configVersion(), clock.instant(), v.endpoints()));
        }
    }

    @Override
    public void viewAccepted(View next) {
        View before = view;
        view = next;
        Set<String> reachable = reachable(next);
        listener.membership(reachable);
        boolean grew = next instanceof MergeView || before == null || !before.getMembers().containsAll(next.getMembers());
        if (before != null) {
            LOG.info("cluster: {} of {} director(s) reachable: {}{}", reachable.size(), config.size(), reachable,
                    next instanceof MergeView ? " (a partition healed)" : "");
            boolean was = 2 * reachable(before).size() > config.size();
            boolean is = 2 * reachable.size() > config.size();
            if (was && !is) {
                LOG.warn("cluster: cut off from the majority: answering from the last agreed state and this director's"
                        + " own probes; changes made here spread when the others are back");
            } else if (!was && is) {
                LOG.info("cluster: with the majority again");
            }
        }
        if (grew) {
            sender.execute(this::sendState); // not on JGroups' view thread
        }
    }

    private static Set<String> reachable(View v) {
        Set<String> names = new LinkedHashSet<>();
        if (v != null) {
            for (Address member : v.getMembers()) {
                String name = NameCache.get(member);
                names.add(name == null ? member.toString() : name);
            }
        }
        return names;
    }
}
