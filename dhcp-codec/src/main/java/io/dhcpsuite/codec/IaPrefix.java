package io.dhcpsuite.codec;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * The IA Prefix option, 26 (RFC 8415 §21.22), found inside IA_PD.
 *
 * @param preferredLifetime seconds, 0xffffffff for infinity
 * @param validLifetime seconds, 0xffffffff for infinity
 * @param prefixLength 0..128
 * @param options the options it carries: a status code, a pd-exclude (RFC 6603)
 */
public record IaPrefix(long preferredLifetime, long validLifetime, int prefixLength, Inet6Address prefix,
                       List<Dhcp6Option> options) {

    public IaPrefix {
        Objects.requireNonNull(prefix, "prefix");
        Dhcp6Options.checkU32("preferred-lifetime", preferredLifetime);
        Dhcp6Options.checkU32("valid-lifetime", validLifetime);
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0..128");
        }
        options = options == null ? List.of() : List.copyOf(options);
    }

    public IaPrefix(long preferredLifetime, long validLifetime, int prefixLength, Inet6Address prefix) {
        this(preferredLifetime, validLifetime, prefixLength, prefix, List.of());
    }

    /** The status code carried inside, or {@code null}. */
    public Dhcp6StatusCode statusCode() {
        Dhcp6Option o = Dhcp6Options.first(options, OptionCodes6.STATUS_CODE);
        return o == null ? null : Dhcp6StatusCode.from(o);
    }

    /** The pd-exclude carried inside, or {@code null}. */
    public PdExclude pdExclude() {
        Dhcp6Option o = Dhcp6Options.first(options, OptionCodes6.PD_EXCLUDE);
        return o == null ? null : PdExclude.from(o);
    }

    /** The prefix the pd-exclude removes from this one, or {@code null} without pd-exclude. */
    public Inet6Address excludedPrefix() {
        PdExclude x = pdExclude();
        return x == null ? null : x.excludedPrefix(prefix, prefixLength);
    }

    public Dhcp6Option toOption() {
        byte[] fixed = new byte[25];
        Dhcp6Options.putU32(fixed, 0, preferredLifetime);
        Dhcp6Options.putU32(fixed, 4, validLifetime);
        fixed[8] = (byte) prefixLength;
        Ipv6.put(prefix, fixed, 9);
        Dhcp6Option o = new Dhcp6Option(OptionCodes6.IAPREFIX, Dhcp6Options.concat(fixed, options));
        Dhcp6Options.validate(o);
        return o;
    }

    /** The prefix of a well-formed option 26. */
    public static IaPrefix from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new IaPrefix(Dhcp6Options.u32(d, 0), Dhcp6Options.u32(d, 4), d[8] & 0xFF, Ipv6.address(d, 9),
                Dhcp6Options.split(d, 25, d.length));
    }

    @Override
    public String toString() {
        return "iaprefix " + Ipv6.format(prefix) + "/" + prefixLength + " pref " + preferredLifetime + " valid "
                + validLifetime + (options.isEmpty() ? "" : " " + options);
    }
}
