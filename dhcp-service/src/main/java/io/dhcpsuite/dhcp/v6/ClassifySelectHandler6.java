package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.ClientLinkLayerAddress;
import io.dhcpsuite.codec.Dhcp6Relay;
import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.config.Subnet6;
import java.util.HexFormat;
import java.util.List;

/**
 * Classification (early pass), subnet selection, the reservation lookup and the late pass, in
 * Kea's order. A client in class DROP is dropped. The client's hardware address, for
 * reservations and the lease, comes from the client link-layer address a relay added (option 79),
 * else from a DUID-LLT or DUID-LL.
 */
final class ClassifySelectHandler6 implements Handler6 {
    private final Dhcp6Settings settings;

    ClassifySelectHandler6(Dhcp6Settings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        View6 view = new View6(ex);
        settings.classifier().classifyEarly(ex, view);
        if (ex.classes.contains(Classifier6.DROP)) {
            return ex.drop("DHCP6_PACKET_DROP_DROP_CLASS the client is in class DROP");
        }
        List<Subnet6> candidates = settings.selector().select(ex.query, ex.iface,
                ex.remote == null ? null : ex.remote.getAddress(), ex.classes);
        ex.candidates = candidates;
        ex.subnet = candidates.isEmpty() ? null : candidates.get(0);
        ex.hwAddress = hwAddress(ex);
        if (ex.clientId != null && !settings.hosts().isEmpty()) {
            Hosts6.Found f = settings.hosts().find(candidates, ex.clientId.toHex(), ex.hwAddress);
            if (f != null) {
                ex.host = f.reservation();
                ex.hostSubnetId = f.subnetId();
            }
        }
        settings.classifier().classifyLate(ex, view);
        if (ex.classes.contains(Classifier6.DROP)) {
            return ex.drop("DHCP6_PACKET_DROP_DROP_CLASS the client is in class DROP");
        }
        return Outcome6.CONTINUE;
    }

    static String hwAddress(Exchange6 ex) {
        Dhcp6Relay closest = ex.query.relay(-1);
        if (closest != null) {
            ClientLinkLayerAddress lla = closest.clientLinkLayerAddress();
            if (lla != null && lla.address().length > 0) {
                return hex(lla.address());
            }
        }
        Duid d = ex.clientId;
        if (d != null && (d.type() == Duid.Type.LLT || d.type() == Duid.Type.LL)) {
            byte[] mac = d.linkLayerAddress();
            if (mac != null && mac.length > 0) {
                return hex(mac);
            }
        }
        return null;
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(":").formatHex(b);
    }
}
