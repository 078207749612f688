package io.dhcpsuite.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One DHCPv4 message (RFC 2131 §2): the BOOTP fixed header and the options in the order the
 * sender put them, each code at most once (the decoder joins split instances per RFC 3396).
 * Options the codec does not know are kept byte for byte, so a relay agent's or vendor's data
 * survives decode and re-encode.
 *
 * <p>Immutable: every array going in or out is copied. Addresses are {@code int}s as produced by
 * {@link Ipv4#parse(String)}; one-byte fields hold 0..255 and {@code secs}/{@code flags} 0..65535.
 */
public final class DhcpMessage {

    /** {@code op} of a client message (RFC 951). */
    public static final int BOOTREQUEST = 1;
    /** {@code op} of a server message (RFC 951). */
    public static final int BOOTREPLY = 2;
    /** The only {@code flags} bit RFC 2131 §2 defines; the rest MUST be zero. */
    public static final int FLAG_BROADCAST = 0x8000;

    public static final int CHADDR_LEN = 16;
    public static final int SNAME_LEN = 64;
    public static final int FILE_LEN = 128;

    private final int op;
    private final int htype;
    private final int hlen;
    private final int hops;
    private final int xid;
    private final int secs;
    private final int flags;
    private final int ciaddr;
    private final int yiaddr;
    private final int siaddr;
    private final int giaddr;
    private final byte[] chaddr;
    private final byte[] sname;
    private final byte[] file;
    private final List<DhcpOption> options;

    private DhcpMessage(Builder b) {
        op = b.op;
        htype = b.htype;
        hlen = b.hlen;
        hops = b.hops;
        xid = b.xid;
        secs = b.secs;
        flags = b.flags;
        ciaddr = b.ciaddr;
        yiaddr = b.yiaddr;
        siaddr = b.siaddr;
        giaddr = b.giaddr;
        chaddr = b.chaddr.clone();
        sname = b.sname.clone();
        file = b.file.clone();
        options = List.copyOf(b.options);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int op() {
        return op;
    }

    public int htype() {
        return htype;
    }

    public int hlen() {
        return hlen;
    }

    public int hops() {
        return hops;
    }

    public int xid() {
        return xid;
    }

    public int secs() {
        return secs;
    }

    public int flags() {
        return flags;
    }

    public int ciaddr() {
        return ciaddr;
    }

    public int yiaddr() {
        return yiaddr;
    }

    public int siaddr() {
        return siaddr;
    }

    public int giaddr() {
        return giaddr;
    }

    /** All 16 bytes of {@code chaddr}, a copy. */
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** All 64 bytes of {@code sname}, a copy. */
    public byte[] sname() {
        return sname.clone();
    }

    /** All 128 bytes of {@code file}, a copy. */
    public byte[] file() {
        return file.clone();
    }

    /** {@code sname} as text up to the first NUL (RFC 2131 §2: "null terminated string"). */
    public String snameString() {
        return cString(sname);
    }

    /** {@code file} as text up to the first NUL. */
    public String fileString() {
        return cString(file);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    byte[] chaddrRaw() {
        return chaddr;
    }

    byte[] snameRaw() {
        return sname;
    }

    byte[] fileRaw() {
        return file;
    }

    /** The options in order; an unmodifiable list of immutable values. */
    public List<DhcpOption> options() {
        return options;
    }

    /** A copy of the payload of option {@code code}, or {@code null} if absent. */
    public byte[] option(int code) {
        DhcpOption o = find(code);
        return o == null ? null : o.data();
    }

    public boolean hasOption(int code) {
        return find(code) != null;
    }

    /** The option itself, or {@code null}; its payload is read-only, use it on the hot path. */
    public DhcpOption find(int code) {
        for (int i = 0, n = options.size(); i < n; i++) {
            DhcpOption o = options.get(i);
            if (o.code() == code) {
                return o;
            }
        }
        return null;
    }

    /** Option {@code code} as one IPv4 address, or {@code null} if absent or not 4 bytes long. */
    public Integer optionAddress(int code) {
        DhcpOption o = find(code);
        return o == null || o.length() != 4 ? null : Ipv4.fromBytes(o.raw(), 0);
    }

    /** Option {@code code} as an unsigned 32-bit number, or {@code null} if absent or not 4 bytes. */
    public Long optionUint32(int code) {
        Integer v = optionAddress(code);
        return v == null ? null : Ipv4.toUnsigned(v);
    }

    /** Option {@code code} as text (ISO-8859-1, trailing NULs dropped per RFC 2132 §2), or {@code null}. */
    public String optionString(int code) {
        DhcpOption o = find(code);
        if (o == null) {
            return null;
        }
        byte[] d = o.raw();
        int n = d.length;
        while (n > 0 && d[n - 1] == 0) {
            n--;
        }
        return new String(d, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Option 53, or {@code null} if it is absent, not exactly one byte, or an unassigned value:
     * whether that makes the packet unusable is the server's decision, not the codec's.
     */
    public MessageType messageType() {
        DhcpOption o = find(OptionCodes.MESSAGE_TYPE);
        return o == null || o.length() != 1 ? null : MessageType.of(o.raw()[0] & 0xFF);
    }

    public boolean broadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    /** Byte {@code i} of {@code chaddr} without copying it (the HA load-balancing hash reads it per query). */
    public int chaddrByte(int i) {
        return chaddr[i] & 0xFF;
    }

    /** The first {@code hlen} bytes of {@code chaddr}, {@code hlen} capped at 16. */
    public byte[] hwAddress() {
        return Arrays.copyOf(chaddr, Math.min(hlen, CHADDR_LEN));
    }

    /** The hardware address as Kea prints it: lower-case hex pairs joined by ':' ("" if hlen is 0). */
    public String hwAddressHex() {
        return colonHex(chaddr, Math.min(hlen, CHADDR_LEN));
    }

    /** Option 61 as Kea prints client ids ("01:aa:bb:.."), or {@code null} if absent. */
    public String clientIdHex() {
        DhcpOption o = find(OptionCodes.CLIENT_ID);
        return o == null ? null : colonHex(o.raw(), o.length());
    }

    static String colonHex(byte[] b, int len) {
        if (len == 0) {
            return "";
        }
        char[] out = new char[len * 3 - 1];
        final String digits = "0123456789abcdef";
        for (int i = 0; i < len; i++) {
            int v = b[i] & 0xFF;
            if (i > 0) {
                out[i * 3 - 1] = ':';
            }
            out[i * 3] = digits.charAt(v >>> 4);
            out[i * 3 + 1] = digits.charAt(v & 0xF);
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpMessage m && op == m.op && htype == m.htype && hlen == m.hlen
                && hops == m.hops && xid == m.xid && secs == m.secs && flags == m.flags
                && ciaddr == m.ciaddr && yiaddr == m.yiaddr && siaddr == m.siaddr && giaddr == m.giaddr
                && Arrays.equals(chaddr, m.chaddr) && Arrays.equals(sname, m.sname)
                && Arrays.equals(file, m.file) && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * xid + Arrays.hashCode(chaddr)) + options.hashCode();
    }

    @Override
    public String toString() {
        MessageType t = messageType();
        StringBuilder sb = new StringBuilder();
        sb.append(t == null ? "DHCP(no type)" : t.keaName())
                .append(" op=").append(op)
                .append(" xid=0x").append(HexFormat.of().toHexDigits(xid))
                .append(" hwaddr=").append(htype).append(' ').append(hwAddressHex())
                .append(" ciaddr=").append(Ipv4.format(ciaddr))
                .append(" yiaddr=").append(Ipv4.format(yiaddr))
                .append(" siaddr=").append(Ipv4.format(siaddr))
                .append(" giaddr=").append(Ipv4.format(giaddr))
                .append(" hops=").append(hops)
                .append(" secs=").append(secs)
                .append(" flags=0x").append(Integer.toHexString(flags));
        for (DhcpOption o : options) {
            sb.append(", ").append(o);
        }
        return sb.toString();
    }

    /** Mutable builder; {@link #build()} validates the field ranges. */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = 1;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private int ciaddr;
        private int yiaddr;
        private int siaddr;
        private int giaddr;
        private byte[] chaddr = new byte[CHADDR_LEN];
        private byte[] sname = new byte[SNAME_LEN];
        private byte[] file = new byte[FILE_LEN];
        private final ArrayList<DhcpOption> options = new ArrayList<>();

        private Builder() {
        }

        private Builder(DhcpMessage m) {
            op = m.op;
            htype = m.htype;
            hlen = m.hlen;
            hops = m.hops;
            xid = m.xid;
            secs = m.secs;
            flags = m.flags;
            ciaddr = m.ciaddr;
            yiaddr = m.yiaddr;
            siaddr = m.siaddr;
            giaddr = m.giaddr;
            chaddr = m.chaddr.clone();
            sname = m.sname.clone();
            file = m.file.clone();
            options.addAll(m.options);
        }

        public Builder op(int op) {
            this.op = op;
            return this;
        }

        public Builder htype(int htype) {
            this.htype = htype;
            return this;
        }

        public Builder hlen(int hlen) {
            this.hlen = hlen;
            return this;
        }

        public Builder hops(int hops) {
            this.hops = hops;
            return this;
        }

        public Builder xid(int xid) {
            this.xid = xid;
            return this;
        }

        public Builder secs(int secs) {
            this.secs = secs;
            return this;
        }

        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        public Builder broadcast(boolean on) {
            flags = on ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST;
            return this;
        }

        public Builder ciaddr(int addr) {
            ciaddr = addr;
            return this;
        }

        public Builder yiaddr(int addr) {
            yiaddr = addr;
            return this;
        }

        public Builder siaddr(int addr) {
            siaddr = addr;
            return this;
        }

        public Builder giaddr(int addr) {
            giaddr = addr;
            return this;
        }

        /** Sets {@code chaddr}; shorter input is zero-padded to 16 bytes. Does not change {@code hlen}. */
        public Builder chaddr(byte[] chaddr) {
            this.chaddr = padded(chaddr, CHADDR_LEN, "chaddr");
            return this;
        }

        /** Sets {@code chaddr} to {@code hw} and {@code hlen} to its length (at most 16). */
        public Builder hwAddress(int htype, byte[] hw) {
            this.chaddr = padded(hw, CHADDR_LEN, "chaddr");
            this.htype = htype;
            this.hlen = hw.length;
            return this;
        }

        public Builder sname(byte[] sname) {
            this.sname = padded(sname, SNAME_LEN, "sname");
            return this;
        }

        /** Sets {@code sname} from text (ISO-8859-1); at most 63 characters so a NUL ends it. */
        public Builder sname(String sname) {
            return sname(text(sname, SNAME_LEN, "sname"));
        }

        public Builder file(byte[] file) {
            this.file = padded(file, FILE_LEN, "file");
            return this;
        }

        /** Sets {@code file} from text (ISO-8859-1); at most 127 characters so a NUL ends it. */
        public Builder file(String file) {
            return file(text(file, FILE_LEN, "file"));
        }

        private static byte[] text(String s, int size, String field) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length >= size) {
                throw new IllegalArgumentException(field + " text of " + b.length
                        + " bytes does not fit " + (size - 1) + " bytes and a terminating NUL");
            }
            return b;
        }

        private static byte[] padded(byte[] b, int size, String field) {
            if (b.length > size) {
                throw new IllegalArgumentException(field + " of " + b.length + " bytes exceeds " + size);
            }
            return Arrays.copyOf(b, size);
        }

        /**
         * Replaces option {@code code} in place, or adds it; the payload is copied. A new option
         * goes at the end, except that 53 goes first and 54 right after it, and nothing is added
         * after a trailing 82: the order the encoder then writes as is (see {@link DhcpEncoder}).
         */
        public Builder option(int code, byte[] data) {
            if (code == OptionCodes.PAD || code == OptionCodes.END) {
                throw new IllegalArgumentException("option " + code + " is PAD/END and carries no data");
            }
            DhcpOption o = new DhcpOption(code, data);
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).code() == code) {
                    options.set(i, o);
                    return this;
                }
            }
            int n = options.size();
            if (code == OptionCodes.MESSAGE_TYPE) {
                options.add(0, o);
            } else if (code == OptionCodes.SERVER_ID) {
                boolean typeFirst = n > 0 && options.get(0).code() == OptionCodes.MESSAGE_TYPE;
                options.add(typeFirst ? 1 : 0, o);
            } else if (code != OptionCodes.RELAY_AGENT_INFO && n > 0
                    && options.get(n - 1).code() == OptionCodes.RELAY_AGENT_INFO) {
                options.add(n - 1, o);
            } else {
                options.add(o);
            }
            return this;
        }

        /** Appends without reordering: the decoder keeps the sender's order; codes are unique. */
        Builder appendDecoded(int code, byte[] data) {
            options.add(new DhcpOption(code, data));
            return this;
        }

        public Builder option(DhcpOption option) {
            return option(option.code(), option.raw());
        }

        /** Sets option 53. */
        public Builder messageType(MessageType type) {
            return option(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        }

        /** Sets an option holding one IPv4 address (e.g. 1, 28, 50, 54). */
        public Builder optionAddress(int code, int addr) {
            return option(code, Ipv4.toBytes(addr));
        }

        /** Sets an option holding one unsigned 32-bit number (e.g. 51, 58, 59). */
        public Builder optionUint32(int code, long value) {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("'" + value + "' is out of range for uint32");
            }
            return option(code, Ipv4.toBytes((int) value));
        }

        public Builder removeOption(int code) {
            options.removeIf(o -> o.code() == code);
            return this;
        }

        public Builder clearOptions() {
            options.clear();
            return this;
        }

        public DhcpMessage build() {
            checkRange("op", op, 255);
            checkRange("htype", htype, 255);
            checkRange("hlen", hlen, 255);
            checkRange("hops", hops, 255);
            checkRange("secs", secs, 0xFFFF);
            checkRange("flags", flags, 0xFFFF);
            return new DhcpMessage(this);
        }

        private static void checkRange(String field, int v, int max) {
            if (v < 0 || v > max) {
                throw new IllegalArgumentException(field + " " + v + " is not in 0.." + max);
            }
        }
    }
}
