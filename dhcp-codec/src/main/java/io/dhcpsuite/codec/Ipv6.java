package io.dhcpsuite.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** IPv6 literals for option data and configuration; never touches the resolver. */
public final class Ipv6 {

    private Ipv6() {
    }

    /** The 16 bytes of an IPv6 literal; {@link IllegalArgumentException} naming the text if it is not one. */
    public static byte[] parse(String text) {
        // A ':' makes InetAddress treat the text as a literal only, never as a host name to resolve.
        if (text.indexOf(':') < 0 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw invalid(text);
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (!(a instanceof Inet6Address)) {
                throw invalid(text);
            }
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
    }

    /** RFC 5952 §4: lower case, longest run of two or more zero groups as "::". */
    public static String format(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * The 16 octets at {@code b[off..off+16)} as an address without scope. Not
     * {@code InetAddress.getByAddress}, which turns an IPv4-mapped address into an Inet4Address
     * and would re-encode it as 4 octets.
     */
    static Inet6Address address(byte[] b, int off) {
        byte[] a = new byte[16];
        System.arraycopy(b, off, a, 0, 16);
        try {
            return Inet6Address.getByAddress(null, a, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 octets are an IPv6 address", e);
        }
    }

    /** The address {@code text} (an IPv6 literal) without touching the resolver. */
    static Inet6Address address(String text) {
        return address(parse(text), 0);
    }

    static void put(Inet6Address a, byte[] dst, int off) {
        System.arraycopy(Objects.requireNonNull(a, "address").getAddress(), 0, dst, off, 16);
    }

    static String format(Inet6Address a) {
        return format(a.getAddress());
    }
}
