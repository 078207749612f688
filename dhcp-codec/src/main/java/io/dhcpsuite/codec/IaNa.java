package io.dhcpsuite.codec;

import java.util.List;

/**
 * The Identity Association for Non-temporary Addresses option, 3 (RFC 8415 §21.4).
 *
 * @param iaid the client's IAID, unsigned 32 bits
 * @param t1 seconds until the client renews, 0 to let it choose
 * @param t2 seconds until the client rebinds
 * @param options the IAADDR options and status code it carries, in order
 */
public record IaNa(long iaid, long t1, long t2, List<Dhcp6Option> options) {

    public IaNa {
        Dhcp6Options.checkU32("IAID", iaid);
        Dhcp6Options.checkU32("T1", t1);
        Dhcp6Options.checkU32("T2", t2);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** An IA_NA carrying {@code addresses} and, when not {@code null}, a status code. */
    public static IaNa of(long iaid, long t1, long t2, List<IaAddress> addresses, Dhcp6StatusCode status) {
        return new IaNa(iaid, t1, t2, Ia.options(addresses.stream().map(IaAddress::toOption).toList(), status));
    }

    public List<IaAddress> addresses() {
        return Dhcp6Options.all(options, OptionCodes6.IAADDR).stream().map(IaAddress::from).toList();
    }

    /** The status code at IA level, or {@code null}. */
    public Dhcp6StatusCode statusCode() {
        Dhcp6Option o = Dhcp6Options.first(options, OptionCodes6.STATUS_CODE);
        return o == null ? null : Dhcp6StatusCode.from(o);
    }

    public Dhcp6Option toOption() {
        return Ia.option(OptionCodes6.IA_NA, iaid, t1, t2, options);
    }

    /** The IA of a well-formed option 3. */
    public static IaNa from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new IaNa(Dhcp6Options.u32(d, 0), Dhcp6Options.u32(d, 4), Dhcp6Options.u32(d, 8),
                Dhcp6Options.split(d, 12, d.length));
    }
}
