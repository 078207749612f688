package io.dhcpsuite.codec;

/**
 * IPv4 addresses as {@code int}s whose most significant byte is the first octet on the wire, so
 * that {@code parse("192.0.2.1") == 0xC0000201}. Compare them with {@link #toUnsigned(int)} or
 * {@link Integer#compareUnsigned(int, int)}, never with {@code <}.
 */
public final class Ipv4 {

    private Ipv4() {
    }

    /**
     * Parses strict dotted-quad text: four decimal octets 0..255, no leading/trailing spaces, no
     * leading {@code +}, at most three digits each (so "010" is accepted as 10, unlike inet_aton's
     * octal, which Kea does not accept either).
     */
    public static int parse(String dotted) {
        if (dotted == null) {
            throw new IllegalArgumentException("null is not a valid IPv4 address");
        }
        long a = parse(dotted, 0, dotted.length());
        if (a < 0) {
            throw invalid(dotted);
        }
        return (int) a;
    }

    /**
     * Parses {@code text[from, to)} as {@link #parse(String)} does, without allocating: the
     * address as an unsigned value, or -1 when it is not a valid dotted quad (lease files are read
     * this way, a million rows at a time).
     */
    public static long parse(CharSequence text, int from, int to) {
        long result = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 4) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
            result = (result << 8) | value;
            if (++octets == 4) {
                return i == to ? result : -1;
            }
            if (i >= to || text.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    /** Parses like {@link #parse(String)} but returns {@code null} instead of throwing. */
    public static Integer tryParse(String dotted) {
        try {
            return parse(dotted);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a valid IPv4 address");
    }

    public static String format(int addr) {
        return ((addr >>> 24) & 0xFF) + "." + ((addr >>> 16) & 0xFF) + "."
                + ((addr >>> 8) & 0xFF) + "." + (addr & 0xFF);
    }

    public static long toUnsigned(int addr) {
        return addr & 0xFFFF_FFFFL;
    }

    /** Reads four bytes in network order. */
    public static int fromBytes(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
                | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Writes four bytes in network order. */
    public static void toBytes(int addr, byte[] dst, int off) {
        dst[off] = (byte) (addr >>> 24);
        dst[off + 1] = (byte) (addr >>> 16);
        dst[off + 2] = (byte) (addr >>> 8);
        dst[off + 3] = (byte) addr;
    }

    public static byte[] toBytes(int addr) {
        byte[] b = new byte[4];
        toBytes(addr, b, 0);
        return b;
    }

    /** Netmask of a prefix length 0..32; {@code mask(0) == 0}, {@code mask(32) == -1}. */
    public static int mask(int len) {
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("prefix length " + len + " is not in 0..32");
        }
        return len == 0 ? 0 : -1 << (32 - len);
    }

    /** Whether {@code addr} lies in {@code prefix/len}; host bits of {@code prefix} are ignored. */
    public static boolean inPrefix(int addr, int prefix, int len) {
        int m = mask(len);
        return (addr & m) == (prefix & m);
    }

    /** Prefix length of a contiguous netmask, or -1 if the mask has holes. */
    public static int prefixLength(int mask) {
        int len = Integer.bitCount(mask);
        return mask(len) == mask ? len : -1;
    }
}
