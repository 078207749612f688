package io.dhcpsuite.dhcp.stats;

import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.Dhcp6MessageType;
import java.util.List;

/**
 * The DHCPv6 packet counters Kea keeps (ARM "DHCPv6 Statistics"), in the same
 * {@link Statistics} as the DHCPv4 ones. A message type without a counter of its own (CONFIRM
 * among them, as in Kea) counts as {@code pkt6-unknown-received}.
 */
public final class Packet6Stats {
    public static final String RECEIVED = "pkt6-received";
    public static final String SOLICIT_RECEIVED = "pkt6-solicit-received";
    public static final String ADVERTISE_RECEIVED = "pkt6-advertise-received";
    public static final String REQUEST_RECEIVED = "pkt6-request-received";
    public static final String REPLY_RECEIVED = "pkt6-reply-received";
    public static final String RENEW_RECEIVED = "pkt6-renew-received";
    public static final String REBIND_RECEIVED = "pkt6-rebind-received";
    public static final String DECLINE_RECEIVED = "pkt6-decline-received";
    public static final String RELEASE_RECEIVED = "pkt6-release-received";
    public static final String INFREQUEST_RECEIVED = "pkt6-infrequest-received";
    public static final String DHCPV4_QUERY_RECEIVED = "pkt6-dhcpv4-query-received";
    public static final String DHCPV4_RESPONSE_RECEIVED = "pkt6-dhcpv4-response-received";
    public static final String UNKNOWN_RECEIVED = "pkt6-unknown-received";
    public static final String SENT = "pkt6-sent";
    public static final String ADVERTISE_SENT = "pkt6-advertise-sent";
    public static final String REPLY_SENT = "pkt6-reply-sent";
    public static final String DHCPV4_RESPONSE_SENT = "pkt6-dhcpv4-response-sent";
    public static final String PARSE_FAILED = "pkt6-parse-failed";
    public static final String RECEIVE_DROP = "pkt6-receive-drop";

    /** Every name; all exist at 0 from start-up, as in Kea. */
    public static final List<String> ALL = List.of(RECEIVED, SOLICIT_RECEIVED, ADVERTISE_RECEIVED,
            REQUEST_RECEIVED, REPLY_RECEIVED, RENEW_RECEIVED, REBIND_RECEIVED, DECLINE_RECEIVED,
            RELEASE_RECEIVED, INFREQUEST_RECEIVED, DHCPV4_QUERY_RECEIVED, DHCPV4_RESPONSE_RECEIVED,
            UNKNOWN_RECEIVED, SENT, ADVERTISE_SENT, REPLY_SENT, DHCPV4_RESPONSE_SENT, PARSE_FAILED,
            RECEIVE_DROP);

    private final Statistics statistics;

    public Packet6Stats(Statistics statistics) {
        this.statistics = statistics;
        ALL.forEach(statistics::stat);
    }

    public long value(String name) {
        return statistics.value(name);
    }

    private void inc(String name) {
        statistics.stat(name).increment();
    }

    /** A datagram arrived (counted before decoding, as Kea does). */
    public void received() {
        inc(RECEIVED);
    }

    /** The client message's type counter (the innermost message of a relayed one). */
    public void receivedType(Dhcp6MessageType type) {
        inc(receivedName(type));
    }

    static String receivedName(Dhcp6MessageType type) {
        if (type == null) {
            return UNKNOWN_RECEIVED;
        }
        return switch (type) {
            case SOLICIT -> SOLICIT_RECEIVED;
            case ADVERTISE -> ADVERTISE_RECEIVED;
            case REQUEST -> REQUEST_RECEIVED;
            case REPLY -> REPLY_RECEIVED;
            case RENEW -> RENEW_RECEIVED;
            case REBIND -> REBIND_RECEIVED;
            case DECLINE -> DECLINE_RECEIVED;
            case RELEASE -> RELEASE_RECEIVED;
            case INFORMATION_REQUEST -> INFREQUEST_RECEIVED;
            case DHCPV4_QUERY -> DHCPV4_QUERY_RECEIVED;
            case DHCPV4_RESPONSE -> DHCPV4_RESPONSE_RECEIVED;
            default -> UNKNOWN_RECEIVED;
        };
    }

    public void parseFailed() {
        inc(PARSE_FAILED);
    }

    public void dropped() {
        inc(RECEIVE_DROP);
    }

    /** A reply left the socket. */
    public void sent(Dhcp6MessageType type) {
        inc(SENT);
        if (type == Dhcp6MessageType.ADVERTISE) {
            inc(ADVERTISE_SENT);
        } else if (type == Dhcp6MessageType.REPLY) {
            inc(REPLY_SENT);
        }
    }
}
