package io.dhcpsuite.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Relay Agent Information option, 82 (RFC 3046): an ordered list of sub-options, plus the
 * exact payload it was decoded from, because RFC 3046 §2.2 has the server echo the option
 * unchanged in its reply. Sub-option codes 0 and 255 are ordinary codes here, not PAD/END.
 *
 * @param subOptions the sub-options in wire order; a code may repeat
 * @param raw the option 82 payload; {@link #raw()} returns a copy
 */
public record RelayAgentInfo(List<DhcpOption> subOptions, byte[] raw) {

    public RelayAgentInfo {
        subOptions = List.copyOf(subOptions);
        raw = raw.clone();
    }

    /** Builds the option from sub-options, in the given order. */
    public static RelayAgentInfo of(List<DhcpOption> subOptions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DhcpOption o : subOptions) {
            if (o.length() > 255) {
                throw new IllegalArgumentException("relay agent sub-option " + o.code() + " of "
                        + o.length() + " bytes exceeds 255");
            }
            out.write(o.code());
            out.write(o.length());
            out.writeBytes(o.data());
        }
        return new RelayAgentInfo(subOptions, out.toByteArray());
    }

    /** Parses an option 82 payload; positions in errors are relative to the payload. */
    public static RelayAgentInfo decode(byte[] data) throws MalformedPacketException {
        List<DhcpOption> subs = new ArrayList<>();
        int p = 0;
        while (p < data.length) {
            int code = data[p] & 0xFF;
            if (p + 1 >= data.length) {
                throw new MalformedPacketException("relay agent sub-option " + code + " at offset " + p
                        + " has no length byte", p);
            }
            int len = data[p + 1] & 0xFF;
            int remaining = data.length - p - 2;
            if (len > remaining) {
                throw new MalformedPacketException("relay agent sub-option " + code + " length " + len
                        + " exceeds remaining " + remaining + " at offset " + p, p);
            }
            if ((code == OptionCodes.RAI_LINK_SELECTION || code == OptionCodes.RAI_SERVER_ID_OVERRIDE) && len != 4) {
                // RFC 3527 §3 and RFC 5107 §4: both carry exactly one IPv4 address.
                throw new MalformedPacketException("relay agent sub-option " + code + " length " + len
                        + " at offset " + p + ", expected 4", p);
            }
            subs.add(new DhcpOption(code, Arrays.copyOfRange(data, p + 2, p + 2 + len)));
            p += 2 + len;
        }
        return new RelayAgentInfo(subs, data);
    }

    /** The payload to echo; identical to what was decoded. */
    public byte[] encode() {
        return raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Payload of the first sub-option {@code code}, or {@code null}. */
    public byte[] subOption(int code) {
        for (DhcpOption o : subOptions) {
            if (o.code() == code) {
                return o.data();
            }
        }
        return null;
    }

    /** Sub-option 1 (RFC 3046 §3.1), or {@code null}. */
    public byte[] circuitId() {
        return subOption(OptionCodes.RAI_CIRCUIT_ID);
    }

    /** Sub-option 2 (RFC 3046 §3.2), or {@code null}. */
    public byte[] remoteId() {
        return subOption(OptionCodes.RAI_REMOTE_ID);
    }

    /** Sub-option 5 (RFC 3527): the link to select a subnet from, or {@code null}. */
    public Integer linkSelection() {
        byte[] d = subOption(OptionCodes.RAI_LINK_SELECTION);
        return d == null ? null : Ipv4.fromBytes(d, 0);
    }

    /** Sub-option 11 (RFC 5107), or {@code null}. */
    public Integer serverIdOverride() {
        byte[] d = subOption(OptionCodes.RAI_SERVER_ID_OVERRIDE);
        return d == null ? null : Ipv4.fromBytes(d, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayAgentInfo r && Arrays.equals(raw, r.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "RelayAgentInfo" + subOptions + " raw=" + HexFormat.of().formatHex(raw);
    }
}
