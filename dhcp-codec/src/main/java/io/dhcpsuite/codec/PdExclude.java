package io.dhcpsuite.codec;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Prefix Exclude option, 67 (RFC 6603 §4.2), inside an IAPREFIX: the excluded prefix length
 * and the bits of the excluded prefix that follow the delegated prefix (the "IPv6 subnet ID"),
 * left-aligned in ceil((excluded - delegated) / 8) octets.
 */
public final class PdExclude {

    private final int prefixLength;
    private final byte[] subnetId;

    private PdExclude(int prefixLength, byte[] subnetId) {
        this.prefixLength = prefixLength;
        this.subnetId = subnetId;
    }

    /** Octets of subnet ID between a delegated and an excluded prefix length (RFC 6603 §4.2). */
    static int subnetIdLength(int delegatedLength, int excludedLength) {
        return (excludedLength - delegatedLength + 7) / 8;
    }

    /**
     * The option that excludes {@code excluded/excludedLength} from {@code delegated/delegatedLength}:
     * the excluded prefix must lie inside the delegated one and be longer.
     */
    public static PdExclude of(Inet6Address delegated, int delegatedLength, Inet6Address excluded, int excludedLength) {
        if (delegatedLength < 0 || delegatedLength > 128 || excludedLength < 1 || excludedLength > 128) {
            throw new IllegalArgumentException("prefix lengths /" + delegatedLength + " and /" + excludedLength
                    + " are not in 0..128");
        }
        if (excludedLength <= delegatedLength) {
            throw new IllegalArgumentException("excluded prefix /" + excludedLength
                    + " is not longer than the delegated /" + delegatedLength);
        }
        byte[] d = delegated.getAddress();
        byte[] e = excluded.getAddress();
        for (int bit = 0; bit < delegatedLength; bit++) {
            if (bit(d, bit) != bit(e, bit)) {
                throw new IllegalArgumentException("excluded prefix " + Ipv6.format(e) + "/" + excludedLength
                        + " is not inside " + Ipv6.format(d) + "/" + delegatedLength);
            }
        }
        byte[] id = new byte[subnetIdLength(delegatedLength, excludedLength)];
        for (int i = 0; i < excludedLength - delegatedLength; i++) {
            if (bit(e, delegatedLength + i) != 0) {
                id[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return new PdExclude(excludedLength, id);
    }

    /** The pd-exclude inside an IAPREFIX of {@code delegatedLength}, from a well-formed option 67. */
    static PdExclude from(Dhcp6Option o) {
        byte[] d = o.raw();
        return new PdExclude(d[0] & 0xFF, Arrays.copyOfRange(d, 1, d.length));
    }

    public int prefixLength() {
        return prefixLength;
    }

    public byte[] subnetId() {
        return subnetId.clone();
    }

    /**
     * The excluded prefix: the first {@code delegatedLength} bits of {@code delegated}, then the
     * subnet ID bits up to {@link #prefixLength()}, then zeros.
     */
    public Inet6Address excludedPrefix(Inet6Address delegated, int delegatedLength) {
        if (delegatedLength < 0 || delegatedLength >= prefixLength) {
            throw new IllegalArgumentException("delegated /" + delegatedLength + " is not shorter than the excluded /"
                    + prefixLength);
        }
        if (subnetId.length != subnetIdLength(delegatedLength, prefixLength)) {
            throw new IllegalArgumentException("subnet ID of " + subnetId.length + " octets does not fit /"
                    + delegatedLength + " to /" + prefixLength);
        }
        byte[] d = delegated.getAddress();
        byte[] out = new byte[16];
        for (int bit = 0; bit < prefixLength; bit++) {
            int v = bit < delegatedLength ? bit(d, bit) : bit(subnetId, bit - delegatedLength);
            if (v != 0) {
                out[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        return Ipv6.address(out, 0);
    }

    private static int bit(byte[] b, int i) {
        return (b[i / 8] >>> (7 - i % 8)) & 1;
    }

    public Dhcp6Option toOption() {
        byte[] d = new byte[1 + subnetId.length];
        d[0] = (byte) prefixLength;
        System.arraycopy(subnetId, 0, d, 1, subnetId.length);
        return new Dhcp6Option(OptionCodes6.PD_EXCLUDE, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PdExclude other && other.prefixLength == prefixLength
                && Arrays.equals(other.subnetId, subnetId);
    }

    @Override
    public int hashCode() {
        return 31 * prefixLength + Arrays.hashCode(subnetId);
    }

    @Override
    public String toString() {
        return "pd-exclude /" + prefixLength + " subnet-id 0x" + HexFormat.of().formatHex(subnetId);
    }
}
