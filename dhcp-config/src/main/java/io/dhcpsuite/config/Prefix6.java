package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv6;
import java.math.BigInteger;

/**
 * An IPv6 prefix: the network address (host bits clear) as an unsigned 128-bit number, and its
 * length. Addresses of the DHCPv6 model are such numbers too, so ranges compare and order like
 * the IPv4 ints do; {@link #bytes} and {@link #format} convert for the wire and for people.
 */
public record Prefix6(BigInteger network, int length) {

    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** The first address of the prefix (its network address). */
    public BigInteger first() {
        return network;
    }

    /** The last address of the prefix. */
    public BigInteger last() {
        return network.or(hostMask(length));
    }

    public boolean contains(BigInteger address) {
        return address.compareTo(first()) >= 0 && address.compareTo(last()) <= 0;
    }

    /** True when {@code other} lies wholly inside this prefix. */
    public boolean contains(Prefix6 other) {
        return other.length >= length && contains(other.network);
    }

    /** As Kea writes it, e.g. {@code 2001:db8::/32}. */
    public String text() {
        return format(network) + "/" + length;
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * "2001:db8::/48" as a prefix of length 1..128, refused at {@code path} if it is not one. The
     * address is kept as written; {@link #masked} clears its host bits.
     */
    static Prefix6 parse(String text, String path) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new ConfigException(path, "'" + text + "' is not a prefix (expected address/length)");
        }
        BigInteger addr;
        int len;
        try {
            addr = address(text.substring(0, slash));
            len = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(path, "invalid prefix length in '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
        if (len < 1 || len > 128) {
            throw new ConfigException(path, "invalid prefix length " + len + " in '" + text + "': use 1..128");
        }
        return new Prefix6(addr, len);
    }

    /** This prefix with its host bits cleared. */
    public Prefix6 masked() {
        return new Prefix6(network.andNot(hostMask(length)), length);
    }

    /** The address bits below a prefix of {@code length}. */
    static BigInteger hostMask(int length) {
        return ALL.shiftRight(length);
    }

    /** An IPv6 literal as a number; {@link IllegalArgumentException} naming the text if it is not one. */
    public static BigInteger address(String text) {
        return new BigInteger(1, Ipv6.parse(text.trim()));
    }

    /** The 16 bytes of an address. */
    public static byte[] bytes(BigInteger address) {
        byte[] raw = address.toByteArray();
        byte[] out = new byte[16];
        int n = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - n, out, 16 - n, n);
        return out;
    }

    /** RFC 5952 text of an address. */
    public static String format(BigInteger address) {
        return Ipv6.format(bytes(address));
    }
}
