package io.dhcpsuite.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Vendor Class option, 16 (RFC 8415 §21.16): an enterprise number and opaque data items, each
 * with a 2-octet length. Kea classifies on it ("VENDOR_CLASS_" + the first item).
 */
public record VendorClass(long enterpriseNumber, List<byte[]> data) {

    public VendorClass {
        Dhcp6Options.checkU32("enterprise number", enterpriseNumber);
        List<byte[]> copy = new ArrayList<>();
        for (byte[] d : data) {
            if (d.length > 0xFFFF) {
                throw new IllegalArgumentException("vendor class data of " + d.length + " octets exceeds 65535");
            }
            copy.add(d.clone());
        }
        data = List.copyOf(copy);
    }

    /** Copies of the data items. */
    @Override
    public List<byte[]> data() {
        return data.stream().map(byte[]::clone).toList();
    }

    public Dhcp6Option toOption() {
        return new Dhcp6Option(OptionCodes6.VENDOR_CLASS, VendorOptions.withEnterprise(enterpriseNumber,
                UserClass.tuples(data)));
    }

    /** The vendor class of a well-formed option 16. */
    public static VendorClass from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new VendorClass(Dhcp6Options.u32(d, 0), Dhcp6Options.splitTuples(d, 4, d.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorClass other && other.enterpriseNumber == enterpriseNumber
                && UserClass.sameItems(other.data, data);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(enterpriseNumber);
        for (byte[] d : data) {
            h = 31 * h + Arrays.hashCode(d);
        }
        return h;
    }

    @Override
    public String toString() {
        return "vendor-class " + enterpriseNumber + " " + data.stream().map(HexFormat.of()::formatHex).toList();
    }
}
