package io.dhcpsuite.dhcp.stats;

import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.codec.MessageType;
import java.util.List;

/**
 * The DHCPv4 packet counters Kea keeps (ARM "DHCPv4 Statistics"). Every counter is looked up by
 * name on each update rather than cached, so that {@code statistic-remove} followed by new traffic
 * re-creates the statistic as Kea does; the lookup is one ConcurrentHashMap read.
 */
public final class PacketStats {
    public static final String RECEIVED = "pkt4-received";
    public static final String DISCOVER_RECEIVED = "pkt4-discover-received";
    public static final String OFFER_RECEIVED = "pkt4-offer-received";
    public static final String REQUEST_RECEIVED = "pkt4-request-received";
    public static final String ACK_RECEIVED = "pkt4-ack-received";
    public static final String NAK_RECEIVED = "pkt4-nak-received";
    public static final String RELEASE_RECEIVED = "pkt4-release-received";
    public static final String DECLINE_RECEIVED = "pkt4-decline-received";
    public static final String INFORM_RECEIVED = "pkt4-inform-received";
    public static final String UNKNOWN_RECEIVED = "pkt4-unknown-received";
    public static final String SENT = "pkt4-sent";
    public static final String OFFER_SENT = "pkt4-offer-sent";
    public static final String ACK_SENT = "pkt4-ack-sent";
    public static final String NAK_SENT = "pkt4-nak-sent";
    public static final String PARSE_FAILED = "pkt4-parse-failed";
    public static final String RECEIVE_DROP = "pkt4-receive-drop";

    /** Every name, in the order Kea's ARM lists them; all exist at 0 from start-up, as in Kea. */
    public static final List<String> ALL = List.of(RECEIVED, DISCOVER_RECEIVED, OFFER_RECEIVED,
            REQUEST_RECEIVED, ACK_RECEIVED, NAK_RECEIVED, RELEASE_RECEIVED, DECLINE_RECEIVED,
            INFORM_RECEIVED, UNKNOWN_RECEIVED, SENT, OFFER_SENT, ACK_SENT, NAK_SENT, PARSE_FAILED,
            RECEIVE_DROP);

    private final Statistics statistics;

    public PacketStats(Statistics statistics) {
        this.statistics = statistics;
        ALL.forEach(statistics::stat);
    }

    public Statistics statistics() {
        return statistics;
    }

    public long value(String name) {
        return statistics.value(name);
    }

    private void inc(String name) {
        statistics.stat(name).increment();
    }

    /** A datagram arrived (before decoding: Kea counts received packets that fail to parse too). */
    public void received() {
        inc(RECEIVED);
    }

    /** The decoded message's type counter; {@code null} or an unhandled type counts as unknown. */
    public void receivedType(MessageType type) {
        inc(receivedName(type));
    }

    static String receivedName(MessageType type) {
        if (type == null) {
            return UNKNOWN_RECEIVED;
        }
        return switch (type) {
            case DISCOVER -> DISCOVER_RECEIVED;
            case OFFER -> OFFER_RECEIVED;
            case REQUEST -> REQUEST_RECEIVED;
            case ACK -> ACK_RECEIVED;
            case NAK -> NAK_RECEIVED;
            case RELEASE -> RELEASE_RECEIVED;
            case DECLINE -> DECLINE_RECEIVED;
            case INFORM -> INFORM_RECEIVED;
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
    public void sent(MessageType type) {
        inc(SENT);
        switch (type) {
            case OFFER -> inc(OFFER_SENT);
            case ACK -> inc(ACK_SENT);
            case NAK -> inc(NAK_SENT);
            default -> {
            }
        }
    }
}
