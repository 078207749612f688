package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reply where RFC 2131 §4.1 (and Kea's Dhcpv4Srv::adjustRemoteAddr) says:
 * <ol>
 * <li>INFORM: to ciaddr (client port); relayed without ciaddr, to giaddr; else back to the source.</li>
 * <li>giaddr != 0: to the relay, giaddr on the server port (67).</li>
 * <li>ciaddr != 0: unicast to ciaddr on the client port (68).</li>
 * <li>NAK, or the client set the broadcast bit: 255.255.255.255 on the client port.</li>
 * <li>Otherwise unicast to yiaddr. <b>UDP socket limit:</b> Kea's raw sockets write the frame to
 *     the client's MAC address, so a client without an address yet still receives it. A
 *     DatagramChannel can only hand the kernel an IP destination, and the kernel would ARP for
 *     yiaddr, which the client cannot answer yet. So the reply goes to yiaddr only when the
 *     kernel can deliver it without ARP (a loopback address, as in tests and perfdhcp runs on
 *     127.0.0.0/8) and is broadcast otherwise.</li>
 * </ol>
 */
final class RouteHandler implements Handler {
    private static final Logger packets = LoggerFactory.getLogger("kea-dhcp4.packets");
    static final int BROADCAST = 0xFFFF_FFFF;
    private final ServerSettings settings;
    private final PacketStats stats;

    RouteHandler(ServerSettings settings, PacketStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    /** The destination of {@code reply} to {@code query} received from {@code remote}. */
    static InetSocketAddress destination(DhcpMessage query, DhcpMessage reply, int remote,
                                         int serverPort, int clientPort) {
        MessageType type = query.messageType();
        MessageType replyType = reply.messageType();
        if (type == MessageType.INFORM) {
            if (query.ciaddr() != 0) {
                return address(query.ciaddr(), clientPort);
            }
            if (query.giaddr() != 0) {
                return address(query.giaddr(), serverPort);
            }
            return remote != 0 ? address(remote, clientPort) : address(BROADCAST, clientPort);
        }
        if (query.giaddr() != 0) {
            return address(query.giaddr(), serverPort);
        }
        if (query.ciaddr() != 0) {
            return address(query.ciaddr(), clientPort);
        }
        if (replyType == MessageType.NAK || query.broadcast()) {
            return address(BROADCAST, clientPort);
        }
        int yiaddr = reply.yiaddr();
        if (yiaddr != 0) {
            return address(loopback(yiaddr) ? yiaddr : BROADCAST, clientPort);
        }
        return address(remote != 0 ? remote : BROADCAST, clientPort);
    }

    static boolean loopback(int addr) {
        return (addr >>> 24) == 127;
    }

    static InetSocketAddress address(int addr, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Ipv4.toBytes(addr)), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ex.reply == null) {
            return Outcome.DONE;
        }
        ex.destination = destination(ex.query, ex.reply, ex.remoteAddress, settings.serverPort(), settings.clientPort());
        byte[] wire = DhcpEncoder.encode(ex.reply);
        try {
            ex.ingress.sink().send(ByteBuffer.wrap(wire), ex.destination);
            stats.sent(ex.replyType);
            if (packets.isDebugEnabled()) {
                packets.debug("DHCP4_PACKET_SEND {}: trying to send packet {} (type {}) to {}", ex.label(),
                        ex.replyType.keaName(), ex.replyType.code(), ex.destination);
            }
        } catch (IOException | RuntimeException e) {
            packets.debug("DHCP4_PACKET_SEND_FAIL {}: failed to send DHCPv4 packet to {}: {}", ex.label(),
                    ex.destination, e.toString());
        }
        return Outcome.DONE;
    }
}
