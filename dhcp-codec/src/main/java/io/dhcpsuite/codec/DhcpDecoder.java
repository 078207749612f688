package io.dhcpsuite.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Turns UDP payloads into {@link DhcpMessage}s. Stateless and thread-safe.
 *
 * <p>Decoding rules, with the RFC that imposes each:
 * <ul>
 * <li>RFC 2131 §2: 236-byte fixed header, then the magic cookie 99.130.83.99 (RFC 2132 §2).</li>
 * <li>RFC 2132 §3.1/§3.2: PAD is skipped, END stops the field; a field that runs out without END
 *     is accepted, as Kea and most clients do.</li>
 * <li>RFC 3396 §7: instances of one code are concatenated, in the order options, file, sname,
 *     into one option that keeps the position of the first instance.</li>
 * <li>RFC 2132 §9.3: option 52 (1 = file, 2 = sname, 3 = both) makes those fields carry options.
 *     The options found there join {@link DhcpMessage#options()}; the consumed fields read as
 *     zeros and option 52 itself is dropped, because it described the old layout only.</li>
 * </ul>
 * Positions in exception messages and {@link MalformedPacketException#offset()} are relative to
 * the start of the packet.
 */
public final class DhcpDecoder {

    /** RFC 2131 §2 fixed header. */
    public static final int HEADER_LEN = 236;
    /** Header plus magic cookie: the smallest packet with an options field. */
    public static final int MIN_LEN = HEADER_LEN + 4;
    public static final int MAGIC_COOKIE = 0x63825363;

    private static final int SNAME_OFF = 44;
    private static final int FILE_OFF = 108;

    private DhcpDecoder() {
    }

    public static DhcpMessage decode(byte[] buf) throws MalformedPacketException {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes {@code len} bytes of {@code buf} from {@code off}.
     *
     * @throws MalformedPacketException for any byte content that is not a DHCPv4 packet
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie inside {@code buf}
     *         (a caller bug, not bad input)
     */
    public static DhcpMessage decode(byte[] buf, int off, int len) throws MalformedPacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < MIN_LEN) {
            throw new MalformedPacketException("packet length " + len + " shorter than the "
                    + MIN_LEN + "-byte BOOTP header and cookie", len);
        }
        int hlen = buf[off + 2] & 0xFF;
        if (hlen > DhcpMessage.CHADDR_LEN) {
            throw new MalformedPacketException("hlen " + hlen + " exceeds " + DhcpMessage.CHADDR_LEN, 2);
        }
        int cookie = Ipv4.fromBytes(buf, off + HEADER_LEN);
        if (cookie != MAGIC_COOKIE) {
            throw new MalformedPacketException("bad magic cookie 0x" + HexFormat.of().toHexDigits(cookie)
                    + " at offset " + HEADER_LEN, HEADER_LEN);
        }

        DhcpMessage.Builder b = DhcpMessage.builder()
                .op(buf[off] & 0xFF)
                .htype(buf[off + 1] & 0xFF)
                .hlen(hlen)
                .hops(buf[off + 3] & 0xFF)
                .xid(Ipv4.fromBytes(buf, off + 4))
                .secs(u16(buf, off + 8))
                .flags(u16(buf, off + 10))
                .ciaddr(Ipv4.fromBytes(buf, off + 12))
                .yiaddr(Ipv4.fromBytes(buf, off + 16))
                .siaddr(Ipv4.fromBytes(buf, off + 20))
                .giaddr(Ipv4.fromBytes(buf, off + 24))
                .chaddr(Arrays.copyOfRange(buf, off + 28, off + 28 + DhcpMessage.CHADDR_LEN));

        Options opts = new Options();
        opts.parse(buf, off, MIN_LEN, len, "options");
        int overload = opts.overload;
        boolean fileUsed = overload == 1 || overload == 3;
        boolean snameUsed = overload == 2 || overload == 3;
        if (fileUsed) {
            opts.parse(buf, off, FILE_OFF, FILE_OFF + DhcpMessage.FILE_LEN, "file");
        } else {
            b.file(Arrays.copyOfRange(buf, off + FILE_OFF, off + FILE_OFF + DhcpMessage.FILE_LEN));
        }
        if (snameUsed) {
            opts.parse(buf, off, SNAME_OFF, SNAME_OFF + DhcpMessage.SNAME_LEN, "sname");
        } else {
            b.sname(Arrays.copyOfRange(buf, off + SNAME_OFF, off + SNAME_OFF + DhcpMessage.SNAME_LEN));
        }
        opts.addTo(b, overload != 0);
        return b.build();
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    /** Accumulates options across the fields, joining repeated codes (RFC 3396). */
    private static final class Options {
        // Codes and data in order of first appearance. A packet carries a dozen options or so,
        // so a linear search for repeats beats a 256-slot table (2 KiB per packet, measured
        // with JMH -prof gc) and boxed codes.
        private int[] codes = new int[16];
        private byte[][] data = new byte[16][];
        private int count;
        int overload;

        void parse(byte[] buf, int base, int from, int to, String field) throws MalformedPacketException {
            int p = from;
            while (p < to) {
                int code = buf[base + p] & 0xFF;
                if (code == OptionCodes.PAD) {
                    p++;
                    continue;
                }
                if (code == OptionCodes.END) {
                    return;
                }
                if (p + 1 >= to) {
                    throw new MalformedPacketException("option " + code + " at offset " + p
                            + " has no length byte before the end of the " + field + " field", p);
                }
                int len = buf[base + p + 1] & 0xFF;
                int remaining = to - p - 2;
                if (len > remaining) {
                    throw new MalformedPacketException("option " + code + " length " + len
                            + " exceeds remaining " + remaining + " at offset " + p, p);
                }
                if (code == OptionCodes.OVERLOAD) {
                    checkOverload(buf, base, p, len, field);
                }
                append(code, buf, base + p + 2, len);
                p += 2 + len;
            }
        }

        private void checkOverload(byte[] buf, int base, int p, int len, String field)
                throws MalformedPacketException {
            if (!field.equals("options")) {
                // RFC 2132 §9.3: the overload option lives in the options field only.
                throw new MalformedPacketException("option 52 inside the overloaded " + field
                        + " field at offset " + p, p);
            }
            if (len != 1) {
                throw new MalformedPacketException("option 52 length " + len
                        + " at offset " + p + ", expected 1", p);
            }
            int v = buf[base + p + 2] & 0xFF;
            if (v < 1 || v > 3) {
                throw new MalformedPacketException("option 52 value " + v
                        + " at offset " + p + " is not 1, 2 or 3", p + 2);
            }
            if (overload != 0 && overload != v) {
                throw new MalformedPacketException("option 52 at offset " + p
                        + " repeats with a different value " + v + " (was " + overload + ")", p);
            }
            overload = v;
        }

        private void append(int code, byte[] buf, int from, int len) {
            for (int i = 0; i < count; i++) {
                if (codes[i] == code) {
                    byte[] old = data[i];
                    byte[] joined = Arrays.copyOf(old, old.length + len);
                    System.arraycopy(buf, from, joined, old.length, len);
                    data[i] = joined;
                    return;
                }
            }
            if (count == codes.length) {
                codes = Arrays.copyOf(codes, count * 2);
                data = Arrays.copyOf(data, count * 2);
            }
            codes[count] = code;
            data[count++] = Arrays.copyOfRange(buf, from, from + len);
        }

        void addTo(DhcpMessage.Builder b, boolean dropOverload) {
            for (int i = 0; i < count; i++) {
                if (dropOverload && codes[i] == OptionCodes.OVERLOAD) {
                    continue;
                }
                b.appendDecoded(codes[i], data[i]);
            }
        }
    }
}
