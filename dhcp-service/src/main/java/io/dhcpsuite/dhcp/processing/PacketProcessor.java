package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.dhcp.leaseclient.LeaseClient;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the packet path: counts, decodes and runs the handler chain. The order of the
 * chain is the server's behaviour in one place:
 * validate → classify (early) → select subnet → host reservation → classify (late: KNOWN/UNKNOWN)
 * → client name → lease (async) → DNS update requests → lease outcome → reply → route and send.
 */
public final class PacketProcessor {
    private static final Logger badPackets = LoggerFactory.getLogger("kea-dhcp4.bad-packets");
    private final PacketStats stats;
    private final DhcpState state;
    private final LeaseClient leases;
    private final NcrSender ncrs;
    /**
     * The chain built from one configuration. Read once per packet, so a packet runs start to end
     * (including after a SUSPEND, through {@link Exchange#resume}) on the configuration it began
     * with, and {@link #reconfigure} is one reference swap: the packet path takes no lock.
     */
    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private volatile io.dhcpsuite.dhcp.ha.HaScopes ha;

    private record Pipeline(ServerSettings settings, HandlerChain chain) {
    }

    public PacketProcessor(ServerSettings settings, DhcpState state, LeaseClient leases, PacketStats stats) {
        this(settings, state, leases, stats, null);
    }

    /** @param ncrs where NCRs go when {@code dhcp-ddns.enable-updates}; null when DNS updates are off */
    public PacketProcessor(ServerSettings settings, DhcpState state, LeaseClient leases, PacketStats stats,
                           NcrSender ncrs) {
        this.stats = stats;
        this.state = state;
        this.leases = leases;
        this.ncrs = ncrs;
        pipeline.set(build(settings));
    }

    /**
     * Applies HA scopes to every query from now on (set once at start-up, when the configuration
     * has a libdhcp_ha.so entry).
     */
    public void useHa(io.dhcpsuite.dhcp.ha.HaScopes ha) {
        this.ha = ha;
        pipeline.set(build(settings()));
    }

    /** Installs the chain for a new configuration; packets already in flight finish on the old one. */
    public void reconfigure(ServerSettings settings) {
        pipeline.set(build(settings));
    }

    private Pipeline build(ServerSettings settings) {
        java.util.ArrayList<Handler> handlers = new java.util.ArrayList<>(List.of(
                new ValidateHandler(settings, state, stats),
                new ClassifyHandler(settings, false),
                new SelectSubnetHandler(settings),
                new HostHandler(settings),
                new ClassifyHandler(settings, true),
                new ClientNameHandler(settings),
                new LeaseHandler(settings, leases),
                new DdnsHandler(settings, ncrs),
                new LeaseOutcomeHandler(settings),
                new ReplyHandler(settings),
                new RouteHandler(settings, stats)));
        if (ha != null && ha.active()) {
            // one relationship: before classification; several: once the subnet names the relationship
            handlers.add(ha.perSubnet() ? 3 : 1, new HaFilterHandler(ha));
        }
        return new Pipeline(settings, new HandlerChain(handlers, stats));
    }

    /** The configuration packets are processed with now. */
    public ServerSettings settings() {
        return pipeline.get().settings();
    }

    /**
     * Called once by a receive thread that drains its socket: the lease ops of the packets it
     * processes wait for {@link #endOfDrain()}, so one drain shares one request to lease-service.
     */
    public void drainingThread() {
        leases.deferFlush();
    }

    /** The socket has nothing more waiting (or a drain hit its limit): send the queued lease ops. */
    public void endOfDrain() {
        leases.flush();
    }

    /** Processes one datagram; never throws. */
    public void process(byte[] buf, int off, int len, Ingress ingress, InetSocketAddress source) {
        stats.received();
        int remote = 0;
        if (source != null && source.getAddress() instanceof Inet4Address a) {
            remote = Ipv4.fromBytes(a.getAddress(), 0);
        }
        int port = source == null ? 0 : source.getPort();
        try {
            DhcpMessage query;
            try {
                query = DhcpDecoder.decode(buf, off, len);
            } catch (MalformedPacketException e) {
                stats.parseFailed();
                stats.dropped();
                if (badPackets.isDebugEnabled()) {
                    badPackets.debug("DHCP4_PACKET_DROP_0001 failed to parse packet from {}:{} to {}, received over interface {}, reason: {}",
                            Ipv4.format(remote), port, Ipv4.format(ingress.localAddress()), ingress.iface(), e.getMessage());
                }
                return;
            }
            stats.receivedType(query.messageType());
            pipeline.get().chain().run(new Exchange(query, ingress, remote, port, len), 0);
        } catch (RuntimeException e) {
            stats.dropped();
            badPackets.warn("DHCP4_PACKET_PROCESS_STD_EXCEPTION exception occurred during packet processing: {}", e.toString());
        }
    }
}
