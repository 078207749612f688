package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.codec.OptionCodes6;

/**
 * Kea's sanity check of a DHCPv6 query (RFC 8415 §16): only the messages a server answers; the
 * client identifier mandatory except in INFORMATION-REQUEST, never twice; the server identifier
 * mandatory in REQUEST, RENEW, RELEASE and DECLINE, forbidden in SOLICIT, CONFIRM and REBIND, and
 * when present it must be ours (a query for another server is dropped). SOLICIT, CONFIRM, REBIND
 * and INFORMATION-REQUEST sent straight to a unicast address are dropped (§16); on ::1, where no
 * multicast exists, they are accepted.
 */
final class ValidateHandler6 implements Handler6 {
    private final Dhcp6Settings settings;

    ValidateHandler6(Dhcp6Settings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        if (ex.type == null) {
            return ex.drop("DHCP6_UNKNOWN_MSG_RECEIVED message type " + ex.query.type());
        }
        Rule clientId;
        Rule serverId;
        switch (ex.type) {
            case SOLICIT, CONFIRM, REBIND -> {
                clientId = Rule.MANDATORY;
                serverId = Rule.FORBIDDEN;
            }
            case REQUEST, RENEW, RELEASE, DECLINE -> {
                clientId = Rule.MANDATORY;
                serverId = Rule.MANDATORY;
            }
            case INFORMATION_REQUEST -> {
                clientId = Rule.OPTIONAL;
                serverId = Rule.OPTIONAL;
            }
            default -> {
                return ex.drop("DHCP6_UNKNOWN_MSG_RECEIVED " + ex.type.keaName() + " is not for a server");
            }
        }
        String bad = check(ex, OptionCodes6.CLIENTID, clientId, "client-id");
        if (bad == null) {
            bad = check(ex, OptionCodes6.SERVERID, serverId, "server-id");
        }
        if (bad != null) {
            return ex.drop("DHCP6_PACKET_DROP_SANITY_CHECK " + ex.type.keaName() + ": " + bad);
        }
        Duid sid = ex.query.serverId();
        if (sid != null && !sid.equals(settings.serverDuid())) {
            return ex.drop("DHCP6_PACKET_DROP_SERVERID_MISMATCH server-id " + sid.toHex() + " is not ours");
        }
        boolean multicastOnly = switch (ex.type) {
            case SOLICIT, CONFIRM, REBIND, INFORMATION_REQUEST -> true;
            default -> false;
        };
        if (multicastOnly && !ex.query.relayed() && ex.ingress.unicast() && !ex.ingress.loopback()) {
            return ex.drop("DHCP6_PACKET_DROP_UNICAST " + ex.type.keaName() + " sent to a unicast address");
        }
        ex.clientId = ex.query.clientId();
        return Outcome6.CONTINUE;
    }

    private enum Rule { MANDATORY, OPTIONAL, FORBIDDEN }

    private static String check(Exchange6 ex, int code, Rule rule, String name) {
        int n = ex.query.findAll(code).size();
        if (n > 1) {
            return n + " " + name + " options";
        }
        if (rule == Rule.MANDATORY && n == 0) {
            return "no " + name + " option";
        }
        if (rule == Rule.FORBIDDEN && n == 1) {
            return name + " option not allowed";
        }
        return null;
    }
}
