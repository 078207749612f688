package io.dhcpsuite.codec;

import java.util.Arrays;
import java.util.List;

/**
 * The User Class option, 15 (RFC 8415 §21.15): opaque items with 2-octet lengths. Kea defines it
 * as binary, so a malformed one does not make the packet malformed; {@link #items} says whether
 * it holds well-formed items.
 */
public final class UserClass {

    private UserClass() {
    }

    /** The items of a user class payload, or {@code null} if the lengths do not fill it exactly. */
    public static List<byte[]> items(byte[] payload) {
        try {
            Dhcp6Options.tuples(OptionCodes6.USER_CLASS, payload, 0, payload.length, 0);
        } catch (MalformedPacketException e) {
            return null;
        }
        return Dhcp6Options.splitTuples(payload, 0, payload.length);
    }

    /** The option 15 carrying {@code items}. */
    public static Dhcp6Option toOption(List<byte[]> items) {
        return new Dhcp6Option(OptionCodes6.USER_CLASS, tuples(items));
    }

    static byte[] tuples(List<byte[]> items) {
        int n = 0;
        for (byte[] d : items) {
            if (d.length > 0xFFFF) {
                throw new IllegalArgumentException("data item of " + d.length + " octets exceeds 65535");
            }
            n += 2 + d.length;
        }
        byte[] out = new byte[n];
        int p = 0;
        for (byte[] d : items) {
            Dhcp6Options.putU16(out, p, d.length);
            System.arraycopy(d, 0, out, p + 2, d.length);
            p += 2 + d.length;
        }
        return out;
    }

    static boolean sameItems(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
