package io.dhcpsuite.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option (or sub-option) as it stands after RFC 3396 concatenation: a code and its whole
 * payload, of any length. The payload is copied in and {@link #data()} returns a copy, so the
 * value stays immutable however callers treat the arrays.
 */
public record DhcpOption(int code, byte[] data) {

    public DhcpOption {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option code " + code + " is not in 0..255");
        }
        data = data == null ? new byte[0] : data.clone();
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

    /** Payload byte {@code i}, unsigned, without copying the payload (for per-packet hashing). */
    public int byteAt(int i) {
        return data[i] & 0xFF;
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOption other && other.code == code && Arrays.equals(other.data, data);
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
