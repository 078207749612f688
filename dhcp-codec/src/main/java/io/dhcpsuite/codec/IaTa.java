package io.dhcpsuite.codec;

import java.util.List;

/**
 * The Identity Association for Temporary Addresses option, 4 (RFC 8415 §21.5; deprecated by
 * RFC 9915 but still sent by some clients): an IAID and options, no T1/T2.
 */
public record IaTa(long iaid, List<Dhcp6Option> options) {

    public IaTa {
        Dhcp6Options.checkU32("IAID", iaid);
        options = options == null ? List.of() : List.copyOf(options);
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
        byte[] fixed = new byte[4];
        Dhcp6Options.putU32(fixed, 0, iaid);
        Dhcp6Option o = new Dhcp6Option(OptionCodes6.IA_TA, Dhcp6Options.concat(fixed, options));
        Dhcp6Options.validate(o);
        return o;
    }

    /** The IA of a well-formed option 4. */
    public static IaTa from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new IaTa(Dhcp6Options.u32(d, 0), Dhcp6Options.split(d, 4, d.length));
    }
}
