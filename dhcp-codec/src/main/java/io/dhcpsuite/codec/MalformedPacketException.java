package io.dhcpsuite.codec;

/**
 * The bytes are not a well-formed DHCPv4 packet (or option payload). The message says what was
 * wrong and {@link #offset()} where, relative to the start of the packet or option payload being
 * decoded; the server counts it as {@code pkt4-parse-failed} and drops the packet.
 *
 * <p>Checked on purpose: every caller of a decoder must decide what a bad packet means to it.
 */
public final class MalformedPacketException extends Exception {

    private final int offset;

    public MalformedPacketException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset of the offending field, relative to the start of the decoded buffer. */
    public int offset() {
        return offset;
    }
}
