package io.dhcpsuite.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One DHCPv6 option (RFC 8415 §21.1): a 16-bit code and its payload of at most 65535 octets.
 * Unlike DHCPv4, a code may appear several times in one message (one IA_NA per IA, one IAADDR per
 * address), so options are kept as a list in the sender's order and never joined. The payload is
 * copied in and {@link #data()} returns a copy, so the value stays immutable.
 */
public record Dhcp6Option(int code, byte[] data) {

    public static final int MAX_LENGTH = 0xFFFF;

    public Dhcp6Option {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code " + code + " is not in 0..65535");
        }
        data = data == null ? new byte[0] : data.clone();
        if (data.length > MAX_LENGTH) {
            throw new IllegalArgumentException("option " + code + " payload of " + data.length
                    + " octets exceeds " + MAX_LENGTH);
        }
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The internal payload, not copied; callers in this package must not modify it. */
    byte[] raw() {
        return data;
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp6Option other && other.code == code && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "option " + code + " [" + HexFormat.of().formatHex(data) + "]";
    }
}
