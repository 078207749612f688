package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.codec.ClientFqdn;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MalformedPacketException;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.codec.RelayAgentInfo;
import io.dhcpsuite.dhcp.stats.PacketStats;

/**
 * Kea's accept and sanity checks, in Kea's order: service enabled, a client message
 * (op BOOTREQUEST) with a message type the server handles, an identifier to tell the client by,
 * well-formed options 81 and 82 (a malformed one fails the packet's parse, as in Kea), and a
 * server identifier that is ours: a REQUEST in SELECTING state naming another server means the
 * client chose that server, so we stay silent (DHCP4_PACKET_DROP_0003). Also classifies a
 * REQUEST into its RFC 2131 §4.3.2 state.
 */
final class ValidateHandler implements Handler {
    private final ServerSettings settings;
    private final DhcpState state;
    private final PacketStats stats;

    ValidateHandler(ServerSettings settings, DhcpState state, PacketStats stats) {
        this.settings = settings;
        this.state = state;
        this.stats = stats;
    }

    @Override
    public Outcome handle(Exchange ex) {
        DhcpMessage q = ex.query;
        if (!state.enabled()) {
            return ex.drop("DHCP4_PACKET_DROP_0008 DHCP service is globally disabled");
        }
        if (q.op() != DhcpMessage.BOOTREQUEST) {
            return ex.drop("DHCP4_PACKET_DROP_0006 BOOTREPLY (op " + q.op() + ") is not a client message");
        }
        if (ex.type == null) {
            return q.hasOption(OptionCodes.MESSAGE_TYPE)
                    ? ex.drop("DHCP4_PACKET_DROP_0005 unrecognized type in option 53")
                    : ex.drop("DHCP4_PACKET_DROP_0009 Option 53 missing (no DHCP message type), is this a BOOTP packet?");
        }
        switch (ex.type) {
            case DISCOVER, REQUEST, RELEASE, DECLINE, INFORM -> {
            }
            default -> {
                return ex.drop("DHCP4_PACKET_DROP_0006 unsupported DHCPv4 message type " + ex.type.keaName());
            }
        }
        if (q.hlen() == 0 && !q.hasOption(OptionCodes.CLIENT_ID)) {
            return ex.drop("DHCP4_PACKET_DROP_0007 missing or useless client-id and no HW address provided");
        }
        byte[] clientId = q.option(OptionCodes.CLIENT_ID);
        if (clientId != null && (clientId.length < 2 || clientId.length > 255)) {
            // RFC 2132 §9.14 (at least 2 octets) and Kea's ClientId limits (at most 255): anything
            // else identifies nobody, and Kea drops the query when it cannot build the identifier
            // (CVE-2010-2156, CVE-2012-3571: zero- and one-octet identifiers)
            return ex.drop("DHCP4_PACKET_DROP_0007 client-id of " + clientId.length
                    + " octets is not in 2..255");
        }
        try {
            byte[] rai = q.option(OptionCodes.RELAY_AGENT_INFO);
            if (rai != null) {
                ex.rai = RelayAgentInfo.decode(rai);
            }
            byte[] fqdn = q.option(OptionCodes.CLIENT_FQDN);
            if (fqdn != null) {
                ex.clientFqdn = ClientFqdn.decode(fqdn);
            }
        } catch (MalformedPacketException e) {
            stats.parseFailed();
            return ex.drop("DHCP4_PACKET_DROP_0001 failed to parse packet from " + ex.remoteText()
                    + ", reason: " + e.getMessage());
        }
        Integer serverId = q.optionAddress(OptionCodes.SERVER_ID);
        if (serverId != null && ex.type != io.dhcpsuite.codec.MessageType.DISCOVER && !ours(ex, serverId)) {
            return ex.drop("DHCP4_PACKET_DROP_0003 it contains a foreign server identifier " + Ipv4.format(serverId));
        }
        Integer requested = q.optionAddress(OptionCodes.REQUESTED_ADDRESS);
        switch (ex.type) {
            case REQUEST -> {
                if (serverId != null) {
                    if (requested == null) {
                        return ex.drop("DHCP4_PACKET_DROP_0007 REQUEST in SELECTING state without option 50");
                    }
                    ex.requestState = Exchange.RequestState.SELECTING;
                } else if (requested != null && q.ciaddr() == 0) {
                    ex.requestState = Exchange.RequestState.INIT_REBOOT;
                } else if (q.ciaddr() != 0) {
                    // A UDP socket does not tell whether the datagram was broadcast; a client
                    // that rebinds broadcasts and usually sets the broadcast flag.
                    ex.requestState = q.broadcast() || q.giaddr() != 0
                            ? Exchange.RequestState.REBINDING : Exchange.RequestState.RENEWING;
                } else {
                    return ex.drop("DHCP4_PACKET_DROP_0007 REQUEST without server identifier, requested address or ciaddr");
                }
            }
            case DECLINE -> {
                if (requested == null) {
                    return ex.drop("DHCP4_PACKET_DROP_0007 DECLINE without requested address (option 50)");
                }
            }
            case RELEASE -> {
                if (q.ciaddr() == 0) {
                    return ex.drop("DHCP4_PACKET_DROP_0007 RELEASE with ciaddr 0");
                }
            }
            default -> {
            }
        }
        return Outcome.CONTINUE;
    }

    private boolean ours(Exchange ex, int serverId) {
        if (serverId == ex.ingress.serverId() || settings.ownAddresses().contains(serverId)) {
            return true;
        }
        // RFC 5107: a relay that overrides the server identifier names itself.
        Integer override = ex.rai == null ? null : ex.rai.serverIdOverride();
        return override != null && override == serverId;
    }
}
