package io.dhcpsuite.lease.v6;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.config.Prefix6;
import java.math.BigInteger;

/**
 * The primary key of a v6 lease, as Kea's lease6 table has it: the address (the prefix, for IA_PD)
 * and the lease type. Ordered by address, then type, the order of {@code lease6-get-page}.
 *
 * @param address the address or prefix as an unsigned 128-bit number
 * @param type    Kea's lease type number: 0 IA_NA, 1 IA_TA, 2 IA_PD
 */
public record Lease6Key(BigInteger address, int type) implements Comparable<Lease6Key> {
    public static final int NA = 0;
    public static final int TA = 1;
    public static final int PD = 2;

    public static Lease6Key of(Lease6 lease) {
        return new Lease6Key(Prefix6.address(lease.ipAddress()), typeCode(lease.type()));
    }

    public static Lease6Key of(String address, String type) {
        return new Lease6Key(Prefix6.address(address), typeCode(type));
    }

    /** Kea's number for a type name; IllegalArgumentException naming it when it is not one. */
    public static int typeCode(String type) {
        return switch (type == null ? Lease6.IA_NA : type) {
            case "IA_NA", "0" -> NA;
            case "IA_TA", "1" -> TA;
            case "IA_PD", "2" -> PD;
            default -> throw new IllegalArgumentException("Incorrect lease type: " + type
                    + ", the only supported values are: IA_NA, IA_TA and IA_PD");
        };
    }

    public static String typeName(int code) {
        return switch (code) {
            case NA -> Lease6.IA_NA;
            case TA -> "IA_TA";
            case PD -> Lease6.IA_PD;
            default -> throw new IllegalArgumentException("unknown lease type " + code);
        };
    }

    public String text() {
        return Prefix6.format(address);
    }

    @Override
    public int compareTo(Lease6Key o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(type, o.type);
    }

    @Override
    public String toString() {
        return typeName(type) + " " + text();
    }
}
