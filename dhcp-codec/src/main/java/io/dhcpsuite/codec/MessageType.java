package io.dhcpsuite.codec;

/** Values of option 53: RFC 2131 §3.1 (1-8), RFC 3203 (9), RFC 4388 (10-13), RFC 6926 (14-15), RFC 7724 (16-18). */
public enum MessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8),
    FORCERENEW(9), LEASEQUERY(10), LEASEUNASSIGNED(11), LEASEUNKNOWN(12), LEASEACTIVE(13),
    BULKLEASEQUERY(14), LEASEQUERYDONE(15), ACTIVELEASEQUERY(16), LEASEQUERYSTATUS(17), TLS(18);

    private static final MessageType[] BY_CODE = new MessageType[19];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for an option 53 value, or {@code null} if the value is not assigned. */
    public static MessageType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Name as Kea logs and classifies it ({@code pkt4.msgtype}, "DHCPDISCOVER"). */
    public String keaName() {
        return "DHCP" + name();
    }
}
