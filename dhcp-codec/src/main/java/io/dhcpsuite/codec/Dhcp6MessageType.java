package io.dhcpsuite.codec;

/**
 * DHCPv6 message types: RFC 8415 §7.3 (1-13), RFC 5007/5460 leasequery (14-17), RFC 6977
 * (18-19), RFC 7341 DHCPv4-over-DHCPv6 (20-21), RFC 7653 (22-23), RFC 8156 failover (24-35) and
 * RFC 9686 address registration (36-37). Every type except the two relay messages has the
 * client/server layout (type, 3 octets, options); for DHCPV4_QUERY/RESPONSE those 3 octets are
 * flags, not a transaction id, and the DHCPv4 packet travels opaque in option 87.
 */
public enum Dhcp6MessageType {
    SOLICIT(1), ADVERTISE(2), REQUEST(3), CONFIRM(4), RENEW(5), REBIND(6), REPLY(7), RELEASE(8),
    DECLINE(9), RECONFIGURE(10), INFORMATION_REQUEST(11), RELAY_FORW(12), RELAY_REPL(13),
    LEASEQUERY(14), LEASEQUERY_REPLY(15), LEASEQUERY_DONE(16), LEASEQUERY_DATA(17),
    RECONFIGURE_REQUEST(18), RECONFIGURE_REPLY(19), DHCPV4_QUERY(20), DHCPV4_RESPONSE(21),
    ACTIVELEASEQUERY(22), STARTTLS(23), BNDUPD(24), BNDREPLY(25), POOLREQ(26), POOLRESP(27),
    UPDREQ(28), UPDREQALL(29), UPDDONE(30), CONNECT(31), CONNECTREPLY(32), DISCONNECT(33),
    STATE(34), CONTACT(35), ADDR_REG_INFORM(36), ADDR_REG_REPLY(37);

    private static final Dhcp6MessageType[] BY_CODE = new Dhcp6MessageType[38];

    static {
        for (Dhcp6MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    Dhcp6MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of message-type octet {@code code}, or {@code null} if it is not assigned. */
    public static Dhcp6MessageType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public boolean isRelay() {
        return this == RELAY_FORW || this == RELAY_REPL;
    }

    /** The name Kea logs ("SOLICIT", "RELAY_FORWARD", "INFORMATION_REQUEST"). */
    public String keaName() {
        return switch (this) {
            case RELAY_FORW -> "RELAY_FORWARD";
            case RELAY_REPL -> "RELAY_REPLY";
            default -> name();
        };
    }
}
