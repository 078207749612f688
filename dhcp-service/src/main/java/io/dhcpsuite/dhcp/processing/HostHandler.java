package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.dhcp.classification.HostLookup;
import java.util.HexFormat;
import java.util.List;

/** Looks up the client's host reservation in the candidate subnets and globally. */
final class HostHandler implements Handler {
    private final ServerSettings settings;

    HostHandler(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ex.replyType == MessageType.NAK) {
            return Outcome.CONTINUE;
        }
        String hw = ex.query.hlen() == 0 ? null : ex.query.hwAddressHex();
        String circuit = null;
        byte[] c = ex.rai == null ? null : ex.rai.circuitId();
        if (c != null) {
            circuit = colonHex(c);
        }
        HostLookup.Identifiers ids = new HostLookup.Identifiers(hw, ex.query.clientIdHex(), circuit);
        ex.host = settings.hosts().find(ex.selection == null ? List.of() : ex.selection.candidates(), ids);
        return Outcome.CONTINUE;
    }

    static String colonHex(byte[] b) {
        String hex = HexFormat.of().formatHex(b);
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
