package io.dhcpsuite.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The DHCPv6 Client FQDN option, 39 (RFC 4704 §4): a flags octet and a domain name in wire
 * format, fully qualified or partial. Unlike DHCPv4's option 81 there are no RCODE octets and no
 * ASCII encoding.
 *
 * @param s server should do the AAAA RR update (RFC 4704 §4.1)
 * @param o server overrode the client's S preference (replies only)
 * @param n server should not do any DNS update
 * @param domainName the name in presentation form without a trailing dot; "" if none was sent
 * @param fullyQualified whether the name ended with the root label; a partial name asks the
 *        server to complete it (RFC 4704 §4.2)
 */
public record ClientFqdn6(boolean s, boolean o, boolean n, String domainName, boolean fullyQualified) {

    public static final int FLAG_S = 0x01;
    public static final int FLAG_O = 0x02;
    public static final int FLAG_N = 0x04;

    public ClientFqdn6 {
        if (domainName == null) {
            domainName = "";
        }
        if (domainName.endsWith(".") && !domainName.endsWith("\\.")) {
            domainName = domainName.substring(0, domainName.length() - 1);
            fullyQualified = true;
        }
        if (s && n) {
            throw new IllegalArgumentException("client FQDN flags N and S are both set");
        }
    }

    public int flags() {
        return (s ? FLAG_S : 0) | (o ? FLAG_O : 0) | (n ? FLAG_N : 0);
    }

    public ClientFqdn6 withFlags(boolean s, boolean o, boolean n) {
        return new ClientFqdn6(s, o, n, domainName, fullyQualified);
    }

    public ClientFqdn6 withName(String domainName, boolean fullyQualified) {
        return new ClientFqdn6(s, o, n, domainName, fullyQualified);
    }

    /** Parses an option 39 payload; positions in errors are relative to it. */
    public static ClientFqdn6 decode(byte[] data) throws MalformedPacketException {
        return decode(data, 0, data.length, 0);
    }

    /**
     * Parses the payload in {@code b[from..to)}; error offsets are {@code base + index}. The MBZ
     * bits are ignored as RFC 4704 §4.1 asks; N together with S is refused, as Kea refuses it.
     */
    static ClientFqdn6 decode(byte[] b, int from, int to, int base) throws MalformedPacketException {
        if (to - from < 1) {
            throw new MalformedPacketException("client FQDN option at offset " + (base + from)
                    + " has no flags octet", base + from);
        }
        int flags = b[from] & 0xFF;
        boolean s = (flags & FLAG_S) != 0;
        boolean n = (flags & FLAG_N) != 0;
        if (s && n) {
            throw new MalformedPacketException("client FQDN flags 0x" + String.format("%02x", flags)
                    + " at offset " + (base + from) + " set both N and S", base + from);
        }
        DnsNames.Read r = DnsNames.read(b, from + 1, to, true, base, "client FQDN name");
        if (r.end() != to) {
            throw new MalformedPacketException("client FQDN has " + (to - r.end())
                    + " octets after the root label at offset " + (base + r.end()), base + r.end());
        }
        return new ClientFqdn6(s, (flags & FLAG_O) != 0, n, r.text(), r.absolute());
    }

    /** The option 39 payload. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags());
        if (!domainName.isEmpty() || fullyQualified) {
            DnsNames.write(domainName.isEmpty() ? "." : domainName, fullyQualified, out);
        }
        return out.toByteArray();
    }

    public Dhcp6Option toOption() {
        return new Dhcp6Option(OptionCodes6.CLIENT_FQDN, encode());
    }

    /** The name with a trailing dot when fully qualified, as DNS updates use it. */
    public String fqdnText() {
        return fullyQualified ? domainName + "." : domainName;
    }

    static ClientFqdn6 of(Dhcp6Option o) {
        try {
            byte[] d = o.raw();
            return decode(d, 0, d.length, 0);
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("option 39 was validated: " + Arrays.toString(o.raw()), e);
        }
    }
}
