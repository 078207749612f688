package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.dhcp.selection.SelectionQuery;

/**
 * Selects the subnet (see {@link io.dhcpsuite.dhcp.selection.SubnetSelector}). Without one, a
 * DISCOVER is dropped and a REQUEST is NAKed (DHCP4_PACKET_NAK_0001, as Kea); INFORM is answered
 * with global options, RELEASE and DECLINE go on (lease-service finds the lease by address).
 */
final class SelectSubnetHandler implements Handler {
    private final ServerSettings settings;

    SelectSubnetHandler(ServerSettings settings) {
        this.settings = settings;
    }

    static SelectionQuery query(Exchange ex) {
        int optionSelect = 0;
        Integer link = ex.rai == null ? null : ex.rai.linkSelection();
        if (link != null) {
            optionSelect = link;
        } else {
            Integer sel = ex.query.optionAddress(OptionCodes.SUBNET_SELECTION);
            if (sel != null) {
                optionSelect = sel;
            }
        }
        return new SelectionQuery(optionSelect, ex.query.giaddr(), ex.query.ciaddr(), ex.remoteAddress,
                ex.ingress.localAddress(), false, ex.ingress.iface(), ex.ingress.ifaceAddresses(), ex.classes);
    }

    @Override
    public Outcome handle(Exchange ex) {
        ex.selection = settings.selector().select(query(ex));
        if (ex.selection != null) {
            return Outcome.CONTINUE;
        }
        if (ex.type == MessageType.DISCOVER) {
            return ex.drop("DHCP4_PACKET_NAK_0001 failed to select a subnet for incoming packet, src "
                    + Ipv4.format(ex.remoteAddress) + ", type " + ex.type.keaName());
        }
        if (ex.type == MessageType.REQUEST) {
            ex.replyType = MessageType.NAK;
            ex.nakMessage = "no subnet for this client";
        }
        return Outcome.CONTINUE;
    }
}
