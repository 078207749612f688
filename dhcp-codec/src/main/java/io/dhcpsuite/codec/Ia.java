package io.dhcpsuite.codec;

import java.util.ArrayList;
import java.util.List;

/** What IA_NA and IA_PD share: the 12-octet IAID/T1/T2 header. */
final class Ia {

    private Ia() {
    }

    static List<Dhcp6Option> options(List<Dhcp6Option> leases, Dhcp6StatusCode status) {
        List<Dhcp6Option> out = new ArrayList<>(leases);
        if (status != null) {
            out.add(status.toOption());
        }
        return out;
    }

    static Dhcp6Option option(int code, long iaid, long t1, long t2, List<Dhcp6Option> options) {
        byte[] fixed = new byte[12];
        Dhcp6Options.putU32(fixed, 0, iaid);
        Dhcp6Options.putU32(fixed, 4, t1);
        Dhcp6Options.putU32(fixed, 8, t2);
        Dhcp6Option o = new Dhcp6Option(code, Dhcp6Options.concat(fixed, options));
        Dhcp6Options.validate(o);
        return o;
    }
}
