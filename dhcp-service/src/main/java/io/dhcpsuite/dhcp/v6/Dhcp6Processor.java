package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.codec.Dhcp6Decoder;
import io.dhcpsuite.codec.Dhcp6Message;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.dhcp.stats.Packet6Stats;
import io.dhcpsuite.dhcp.v6.leaseclient.Lease6Client;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the DHCPv6 packet path: counts, decodes and runs the chain
 * validate → classify, select the subnet, reservation → client FQDN → lease (async) → reply → DNS
 * updates → send.
 * A datagram that does not decode is counted in {@code pkt6-parse-failed} and
 * {@code pkt6-receive-drop} and dropped.
 */
public final class Dhcp6Processor {
    private static final Logger badPackets = LoggerFactory.getLogger("kea-dhcp6.bad-packets");
    private final Packet6Stats stats;
    private final Lease6Client leases;
    private final NcrSender ncrs;
    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private final HaGate6 gate;

    private record Pipeline(Dhcp6Settings settings, Chain6 chain) {
    }

    public Dhcp6Processor(Dhcp6Settings settings, Lease6Client leases, Packet6Stats stats) {
        this(settings, leases, stats, null, HaGate6.open(java.time.Clock.systemUTC()));
    }

    /** @param ncrs where NCRs go when the Dhcp6 {@code dhcp-ddns.enable-updates}; null when DNS updates are off */
    public Dhcp6Processor(Dhcp6Settings settings, Lease6Client leases, Packet6Stats stats, NcrSender ncrs) {
        this(settings, leases, stats, ncrs, HaGate6.open(java.time.Clock.systemUTC()));
    }

    /** @param gate the DHCPv6 service's dhcp-disable state and HA scopes */
    public Dhcp6Processor(Dhcp6Settings settings, Lease6Client leases, Packet6Stats stats, HaGate6 gate) {
        this(settings, leases, stats, null, gate);
    }

    /**
     * @param ncrs where NCRs go when the Dhcp6 {@code dhcp-ddns.enable-updates}; null when DNS updates are off
     * @param gate the DHCPv6 service's dhcp-disable state and HA scopes
     */
    public Dhcp6Processor(Dhcp6Settings settings, Lease6Client leases, Packet6Stats stats, NcrSender ncrs,
                          HaGate6 gate) {
        this.stats = stats;
        this.leases = leases;
        this.ncrs = ncrs;
        this.gate = gate;
        pipeline.set(build(settings));
    }

    public HaGate6 gate() {
        return gate;
    }

    private Pipeline build(Dhcp6Settings settings) {
        return new Pipeline(settings, new Chain6(List.of(
                new ValidateHandler6(settings),
                gate,
                new ClassifySelectHandler6(settings),
                new ClientFqdnHandler6(settings),
                new LeaseHandler6(settings, leases),
                new ReplyHandler6(settings),
                new DdnsHandler6(settings, ncrs),
                new SendHandler6(settings, stats)), stats));
    }

    /** Installs the chain for a new configuration; packets in flight finish on the old one. */
    public void reconfigure(Dhcp6Settings settings) {
        pipeline.set(build(settings));
    }

    public Dhcp6Settings settings() {
        return pipeline.get().settings();
    }

    public Packet6Stats stats() {
        return stats;
    }

    /** Called once by a receive thread that drains its socket (see {@link Lease6Client#deferFlush()}). */
    public void drainingThread() {
        leases.deferFlush();
    }

    public void endOfDrain() {
        leases.flush();
    }

    /** Processes one datagram; never throws. */
    public void process(byte[] buf, int off, int len, Ingress6 ingress, InetSocketAddress source) {
        stats.received();
        try {
            Dhcp6Message query;
            try {
                query = Dhcp6Decoder.decode(buf, off, len);
            } catch (MalformedPacketException e) {
                stats.parseFailed();
                stats.dropped();
                if (badPackets.isDebugEnabled()) {
                    badPackets.debug("DHCP6_PACKET_DROP_PARSE_FAIL failed to parse packet from {}: {}", source, e.getMessage());
                }
                return;
            }
            stats.receivedType(query.messageType());
            pipeline.get().chain().run(new Exchange6(query, ingress, source, len, iface(ingress, source)), 0);
        } catch (RuntimeException e) {
            stats.dropped();
            badPackets.warn("DHCP6_PACKET_PROCESS_EXCEPTION exception occurred during packet processing: {}", e.toString());
        }
    }

    /** The configured interface of the socket, else the scope of a link-local source. */
    private static String iface(Ingress6 ingress, InetSocketAddress source) {
        if (ingress.iface() != null) {
            return ingress.iface();
        }
        if (source != null && source.getAddress() instanceof Inet6Address a) {
            NetworkInterface ni = a.getScopedInterface();
            if (ni != null) {
                return ni.getName();
            }
            if (a.getScopeId() != 0) {
                try {
                    NetworkInterface byIndex = NetworkInterface.getByIndex(a.getScopeId());
                    return byIndex == null ? null : byIndex.getName();
                } catch (java.net.SocketException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
