package io.dhcpsuite.codec;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * The IA Address option, 5 (RFC 8415 §21.6), found inside IA_NA and IA_TA.
 *
 * @param preferredLifetime seconds, 0xffffffff for infinity
 * @param validLifetime seconds, 0xffffffff for infinity
 * @param options the options it carries (a status code, usually)
 */
public record IaAddress(Inet6Address address, long preferredLifetime, long validLifetime,
                        List<Dhcp6Option> options) {

    public IaAddress {
        Objects.requireNonNull(address, "address");
        Dhcp6Options.checkU32("preferred-lifetime", preferredLifetime);
        Dhcp6Options.checkU32("valid-lifetime", validLifetime);
        options = options == null ? List.of() : List.copyOf(options);
    }

    public IaAddress(Inet6Address address, long preferredLifetime, long validLifetime) {
        this(address, preferredLifetime, validLifetime, List.of());
    }

    /** The status code carried inside, or {@code null}. */
    public Dhcp6StatusCode statusCode() {
        Dhcp6Option o = Dhcp6Options.first(options, OptionCodes6.STATUS_CODE);
        return o == null ? null : Dhcp6StatusCode.from(o);
    }

    public Dhcp6Option toOption() {
        byte[] fixed = new byte[24];
        Ipv6.put(address, fixed, 0);
        Dhcp6Options.putU32(fixed, 16, preferredLifetime);
        Dhcp6Options.putU32(fixed, 20, validLifetime);
        Dhcp6Option o = new Dhcp6Option(OptionCodes6.IAADDR, Dhcp6Options.concat(fixed, options));
        Dhcp6Options.validate(o);
        return o;
    }

    /** The address of a well-formed option 5. */
    public static IaAddress from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new IaAddress(Ipv6.address(d, 0), Dhcp6Options.u32(d, 16), Dhcp6Options.u32(d, 20),
                Dhcp6Options.split(d, 24, d.length));
    }

    @Override
    public String toString() {
        return "iaaddr " + Ipv6.format(address) + " pref " + preferredLifetime + " valid " + validLifetime
                + (options.isEmpty() ? "" : " " + options);
    }
}
