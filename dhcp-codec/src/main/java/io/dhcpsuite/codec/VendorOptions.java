package io.dhcpsuite.codec;

import java.util.List;

/**
 * The Vendor-specific Information option, 17 (RFC 8415 §21.17): an enterprise number and
 * sub-options in the DHCPv6 option format whose meaning is the vendor's ("vendor-&lt;number&gt;"
 * option space in Kea).
 */
public record VendorOptions(long enterpriseNumber, List<Dhcp6Option> options) {

    public VendorOptions {
        Dhcp6Options.checkU32("enterprise number", enterpriseNumber);
        options = options == null ? List.of() : List.copyOf(options);
    }

    public Dhcp6Option toOption() {
        byte[] fixed = new byte[4];
        Dhcp6Options.putU32(fixed, 0, enterpriseNumber);
        return new Dhcp6Option(OptionCodes6.VENDOR_OPTS, Dhcp6Options.concat(fixed, options));
    }

    /** The vendor options of a well-formed option 17. */
    public static VendorOptions from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new VendorOptions(Dhcp6Options.u32(d, 0), Dhcp6Options.split(d, 4, d.length));
    }

    static byte[] withEnterprise(long enterpriseNumber, byte[] rest) {
        byte[] out = new byte[4 + rest.length];
        Dhcp6Options.putU32(out, 0, enterpriseNumber);
        System.arraycopy(rest, 0, out, 4, rest.length);
        return out;
    }
}
