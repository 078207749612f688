package io.dhcpsuite.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Client FQDN option, 81 (RFC 4702 §2): flags, two deprecated RCODE octets and a domain name.
 *
 * @param s server should do the A RR update (RFC 4702 §2.1)
 * @param o server overrode the client's S preference (replies only)
 * @param e the name is in canonical wire format (1) or deprecated ASCII (0)
 * @param n server should not do any DNS update
 * @param rcode1 RCODE1, 0 from clients, 255 from servers (RFC 4702 §2.2)
 * @param rcode2 RCODE2, as rcode1
 * @param domainName the name in presentation form without a trailing dot; "" if none was sent
 * @param fullyQualified whether the wire name ended with the root label (or, in ASCII, a '.');
 *        a partial name asks the server to complete it (RFC 4702 §2.3.1)
 */
public record ClientFqdn(boolean s, boolean o, boolean e, boolean n, int rcode1, int rcode2,
                         String domainName, boolean fullyQualified) {

    public static final int FLAG_S = 0x01;
    public static final int FLAG_O = 0x02;
    public static final int FLAG_E = 0x04;
    public static final int FLAG_N = 0x08;

    public ClientFqdn {
        if (rcode1 < 0 || rcode1 > 255 || rcode2 < 0 || rcode2 > 255) {
            throw new IllegalArgumentException("rcode1 " + rcode1 + " / rcode2 " + rcode2 + " not in 0..255");
        }
        if (domainName == null) {
            domainName = "";
        }
        if (domainName.endsWith(".") && !domainName.endsWith("\\.")) {
            domainName = domainName.substring(0, domainName.length() - 1);
            fullyQualified = true;
        }
    }

    /** The flags octet. */
    public int flags() {
        return (s ? FLAG_S : 0) | (o ? FLAG_O : 0) | (e ? FLAG_E : 0) | (n ? FLAG_N : 0);
    }

    public ClientFqdn withFlags(boolean s, boolean o, boolean n) {
        return new ClientFqdn(s, o, e, n, rcode1, rcode2, domainName, fullyQualified);
    }

    public ClientFqdn withName(String domainName, boolean fullyQualified) {
        return new ClientFqdn(s, o, e, n, rcode1, rcode2, domainName, fullyQualified);
    }

    /**
     * Parses an option 81 payload. Positions in errors are relative to the payload. The MBZ bits
     * are ignored on receipt, as RFC 4702 §2.1 asks and Kea does; N together with S is refused,
     * as Kea refuses it.
     */
    public static ClientFqdn decode(byte[] data) throws MalformedPacketException {
        if (data.length < 3) {
            throw new MalformedPacketException("client FQDN option length " + data.length
                    + " shorter than the 3 octets of flags and rcodes", data.length);
        }
        int flags = data[0] & 0xFF;
        boolean s = (flags & FLAG_S) != 0;
        boolean n = (flags & FLAG_N) != 0;
        if (s && n) {
            throw new MalformedPacketException("client FQDN flags 0x" + String.format("%02x", flags)
                    + " at offset 0 set both N and S", 0);
        }
        boolean e = (flags & FLAG_E) != 0;
        String name;
        boolean absolute;
        if (e) {
            DnsNames.Read r = DnsNames.read(data, 3, data.length, true, 0, "client FQDN name");
            if (r.end() != data.length) {
                throw new MalformedPacketException("client FQDN has " + (data.length - r.end())
                        + " octets after the root label at offset " + r.end(), r.end());
            }
            name = r.text();
            absolute = r.absolute();
        } else {
            int end = data.length;
            while (end > 3 && data[end - 1] == 0) {
                end--;
            }
            name = new String(data, 3, end - 3, StandardCharsets.ISO_8859_1);
            absolute = name.endsWith(".");
            if (absolute) {
                name = name.substring(0, name.length() - 1);
            }
        }
        return new ClientFqdn(s, (flags & FLAG_O) != 0, e, n, data[1] & 0xFF, data[2] & 0xFF, name, absolute);
    }

    /** The option 81 payload, in wire format if {@link #e()} and ASCII otherwise. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags());
        out.write(rcode1);
        out.write(rcode2);
        if (e) {
            if (!domainName.isEmpty() || fullyQualified) {
                DnsNames.write(domainName.isEmpty() ? "." : domainName, fullyQualified, out);
            }
        } else {
            byte[] ascii = (domainName + (fullyQualified && !domainName.isEmpty() ? "." : ""))
                    .getBytes(StandardCharsets.ISO_8859_1);
            out.write(ascii, 0, ascii.length);
        }
        return out.toByteArray();
    }

    /** The name with a trailing dot when fully qualified, as DNS updates use it. */
    public String fqdnText() {
        return fullyQualified ? domainName + "." : domainName;
    }
}
