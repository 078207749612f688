package io.dhcpsuite.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The DHCPv6 option rules the codec enforces, shared by the decoder (offsets relative to the
 * packet) and the builders (which turn a violation into {@link IllegalArgumentException}).
 *
 * <p>What is checked, at every level where options appear (a message, a relay layer, inside IA
 * options and addresses), because the server reads these options and Kea refuses a packet whose
 * copy of them does not parse (Kea's {@code pkt6-parse-failed}):
 * <ul>
 * <li>framing: each option's 4-octet header and payload fit in what encloses it (RFC 8415 §21.1);</li>
 * <li>IA_NA, IA_PD (12-octet header), IA_TA (4), IAADDR (24), IAPREFIX (25, prefix length at most
 *     128) and the options they carry, nested at most {@link #MAX_DEPTH} deep;</li>
 * <li>pd-exclude (67, RFC 6603 §4.2): an excluded prefix length of 1..128, and inside an IAPREFIX
 *     longer than the delegated prefix with exactly the subnet-ID octets the two lengths call for
 *     (kea#4268: a huge excluded prefix must not reach the prefix arithmetic);</li>
 * <li>DUIDs in clientid/serverid: 3..130 octets, Kea's bounds (RFC 8415 §11.1: type plus at most
 *     128 octets; CVE-2019-6472);</li>
 * <li>fixed sizes: preference 1, elapsed-time 2, unicast 16, rapid-commit and reconf-accept 0,
 *     reconf-msg 1, information-refresh-time, solmax-rt, inf-max-rt 4, relay-source-port 2; ORO and
 *     ERO an even length; status-code at least 2;</li>
 * <li>the formats Kea parses on receipt: vendor-class (enterprise number, then 2-octet-length
 *     tuples filling the option), vendor-opts (enterprise number, then sub-options), remote-id (at
 *     least the enterprise number), client-fqdn (RFC 4704 §4: flags without N and S together, then a
 *     wire-format name, possibly partial).</li>
 * </ul>
 * Every other option, known or not, is carried as opaque bytes.
 */
final class Dhcp6Options {

    /** Containers inside containers (IA_PD, IAPREFIX, pd-exclude is 3): more is not a real packet. */
    static final int MAX_DEPTH = 8;
    static final int MIN_DUID = 3;
    static final int MAX_DUID = 130;

    private Dhcp6Options() {
    }

    /**
     * Checks the options in {@code b[from..to)}. {@code base} is subtracted from positions in
     * messages; {@code delegatedLength} is the IAPREFIX prefix length around them, or -1.
     */
    static void validate(byte[] b, int from, int to, int base, int depth, int delegatedLength)
            throws MalformedPacketException {
        int p = from;
        while (p < to) {
            if (to - p < 4) {
                throw new MalformedPacketException("option header at offset " + (p - base) + " needs 4 octets, "
                        + (to - p) + " left", p - base);
            }
            int code = u16(b, p);
            int len = u16(b, p + 2);
            int remaining = to - p - 4;
            if (len > remaining) {
                throw new MalformedPacketException("option " + code + " length " + len + " exceeds remaining "
                        + remaining + " at offset " + (p - base), p - base);
            }
            check(code, b, p, len, base, depth, delegatedLength);
            p += 4 + len;
        }
    }

    /** Checks one option whose header starts at {@code p}. */
    private static void check(int code, byte[] b, int p, int len, int base, int depth, int delegatedLength)
            throws MalformedPacketException {
        int d = p + 4;
        int at = p - base;
        switch (code) {
            case OptionCodes6.CLIENTID, OptionCodes6.SERVERID -> {
                if (len < MIN_DUID || len > MAX_DUID) {
                    throw bad(code, at, "DUID length " + len + " is not in " + MIN_DUID + ".." + MAX_DUID);
                }
            }
            case OptionCodes6.IA_NA, OptionCodes6.IA_PD -> container(code, b, d, len, 12, base, depth, -1);
            case OptionCodes6.IA_TA -> container(code, b, d, len, 4, base, depth, -1);
            case OptionCodes6.IAADDR -> container(code, b, d, len, 24, base, depth, -1);
            case OptionCodes6.IAPREFIX -> {
                if (len >= 25 && (b[d + 8] & 0xFF) > 128) {
                    throw bad(code, at, "prefix length " + (b[d + 8] & 0xFF) + " exceeds 128");
                }
                container(code, b, d, len, 25, base, depth, len >= 25 ? b[d + 8] & 0xFF : -1);
            }
            case OptionCodes6.PD_EXCLUDE -> pdExclude(b, d, len, at, delegatedLength);
            case OptionCodes6.PREFERENCE, OptionCodes6.RECONF_MSG -> fixed(code, len, 1, at);
            case OptionCodes6.ELAPSED_TIME, OptionCodes6.RELAY_SOURCE_PORT -> fixed(code, len, 2, at);
            case OptionCodes6.INFORMATION_REFRESH_TIME, OptionCodes6.SOL_MAX_RT, OptionCodes6.INF_MAX_RT ->
                    fixed(code, len, 4, at);
            case OptionCodes6.UNICAST -> fixed(code, len, 16, at);
            case OptionCodes6.RAPID_COMMIT, OptionCodes6.RECONF_ACCEPT -> fixed(code, len, 0, at);
            case OptionCodes6.ORO, OptionCodes6.ERO -> {
                if (len % 2 != 0) {
                    throw bad(code, at, "length " + len + " is odd, expected option codes of 2 octets");
                }
            }
            case OptionCodes6.STATUS_CODE -> {
                if (len < 2) {
                    throw bad(code, at, "length " + len + " shorter than the 2-octet status code");
                }
            }
            case OptionCodes6.REMOTE_ID -> {
                if (len < 4) {
                    throw bad(code, at, "length " + len + " shorter than the 4-octet enterprise number");
                }
            }
            case OptionCodes6.VENDOR_CLASS -> {
                if (len < 4) {
                    throw bad(code, at, "length " + len + " shorter than the 4-octet enterprise number");
                }
                tuples(code, b, d + 4, d + len, base);
            }
            case OptionCodes6.VENDOR_OPTS -> {
                if (len < 4) {
                    throw bad(code, at, "length " + len + " shorter than the 4-octet enterprise number");
                }
                frames(b, d + 4, d + len, base);
            }
            case OptionCodes6.CLIENT_FQDN -> ClientFqdn6.decode(b, d, d + len, -base);
            default -> {
                // carried as is
            }
        }
    }

    private static void container(int code, byte[] b, int d, int len, int header, int base, int depth,
                                  int delegatedLength) throws MalformedPacketException {
        int at = d - 4 - base;
        if (len < header) {
            throw bad(code, at, "length " + len + " shorter than its " + header + "-octet fixed part");
        }
        if (len > header && depth >= MAX_DEPTH) {
            throw bad(code, at, "nests options deeper than " + MAX_DEPTH + " levels");
        }
        validate(b, d + header, d + len, base, depth + 1, delegatedLength);
    }

    /** RFC 6603 §4.2: prefix-len, then the IPv6 subnet ID of ceil((prefix-len - delegated)/8) octets. */
    private static void pdExclude(byte[] b, int d, int len, int at, int delegatedLength)
            throws MalformedPacketException {
        int code = OptionCodes6.PD_EXCLUDE;
        if (len < 2) {
            throw bad(code, at, "length " + len + " shorter than prefix length and one subnet ID octet");
        }
        int excluded = b[d] & 0xFF;
        if (excluded == 0 || excluded > 128) {
            throw bad(code, at, "excluded prefix length " + excluded + " is not in 1..128");
        }
        if (delegatedLength < 0) {
            if (len - 1 > 16) {
                throw bad(code, at, "subnet ID of " + (len - 1) + " octets is longer than an IPv6 address");
            }
            return;
        }
        if (excluded <= delegatedLength) {
            throw bad(code, at, "excluded prefix length " + excluded + " is not longer than the delegated /"
                    + delegatedLength);
        }
        int expected = PdExclude.subnetIdLength(delegatedLength, excluded);
        if (len - 1 != expected) {
            throw bad(code, at, "subnet ID of " + (len - 1) + " octets, expected " + expected + " for /"
                    + delegatedLength + " to /" + excluded);
        }
    }

    private static void fixed(int code, int len, int expected, int at) throws MalformedPacketException {
        if (len != expected) {
            throw bad(code, at, "length " + len + ", expected " + expected);
        }
    }

    /** 2-octet-length opaque data tuples filling {@code [from, to)} exactly (RFC 8415 §21.16). */
    static void tuples(int code, byte[] b, int from, int to, int base) throws MalformedPacketException {
        int p = from;
        while (p < to) {
            if (to - p < 2) {
                throw bad(code, p - base, "data length needs 2 octets, " + (to - p) + " left");
            }
            int len = u16(b, p);
            if (len > to - p - 2) {
                throw bad(code, p - base, "data length " + len + " exceeds remaining " + (to - p - 2));
            }
            p += 2 + len;
        }
    }

    /** Option framing only, for vendor sub-options whose meaning belongs to the vendor. */
    private static void frames(byte[] b, int from, int to, int base) throws MalformedPacketException {
        int p = from;
        while (p < to) {
            if (to - p < 4) {
                throw new MalformedPacketException("vendor sub-option header at offset " + (p - base)
                        + " needs 4 octets, " + (to - p) + " left", p - base);
            }
            int len = u16(b, p + 2);
            if (len > to - p - 4) {
                throw new MalformedPacketException("vendor sub-option " + u16(b, p) + " length " + len
                        + " exceeds remaining " + (to - p - 4) + " at offset " + (p - base), p - base);
            }
            p += 4 + len;
        }
    }

    private static MalformedPacketException bad(int code, int at, String what) {
        OptionDefinition def = StandardOptions6.byCode(code);
        String name = def == null ? "" : " (" + def.name() + ")";
        return new MalformedPacketException("option " + code + name + " at offset " + at + ": " + what, at);
    }

    /** Checks one option built in code; a violation is the caller's bug. */
    static void validate(Dhcp6Option o) {
        byte[] framed = new byte[4 + o.length()];
        framed[0] = (byte) (o.code() >>> 8);
        framed[1] = (byte) o.code();
        framed[2] = (byte) (o.length() >>> 8);
        framed[3] = (byte) o.length();
        System.arraycopy(o.raw(), 0, framed, 4, o.length());
        try {
            validate(framed, 0, framed.length, 0, 0, -1);
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst(" at offset 0", ""), e);
        }
    }

    /** The options of {@code b[from..to)}, which were validated before. */
    static List<Dhcp6Option> split(byte[] b, int from, int to) {
        List<Dhcp6Option> out = new ArrayList<>();
        int p = from;
        while (p < to) {
            int len = u16(b, p + 2);
            byte[] data = new byte[len];
            System.arraycopy(b, p + 4, data, 0, len);
            out.add(new Dhcp6Option(u16(b, p), data));
            p += 4 + len;
        }
        return List.copyOf(out);
    }

    /** The 2-octet-length tuples of {@code b[from..to)}, which were validated before. */
    static List<byte[]> splitTuples(byte[] b, int from, int to) {
        List<byte[]> out = new ArrayList<>();
        int p = from;
        while (p < to) {
            int len = u16(b, p);
            byte[] data = new byte[len];
            System.arraycopy(b, p + 2, data, 0, len);
            out.add(data);
            p += 2 + len;
        }
        return out;
    }

    /** Writes options as code, length, payload from {@code p}; returns the end. */
    static int write(List<Dhcp6Option> options, byte[] dst, int p) {
        for (int i = 0, n = options.size(); i < n; i++) {
            p = write(options.get(i), dst, p);
        }
        return p;
    }

    static int write(Dhcp6Option o, byte[] dst, int p) {
        byte[] d = o.raw();
        dst[p] = (byte) (o.code() >>> 8);
        dst[p + 1] = (byte) o.code();
        dst[p + 2] = (byte) (d.length >>> 8);
        dst[p + 3] = (byte) d.length;
        System.arraycopy(d, 0, dst, p + 4, d.length);
        return p + 4 + d.length;
    }

    static int wireLength(List<Dhcp6Option> options) {
        int n = 0;
        for (int i = 0, size = options.size(); i < size; i++) {
            n += 4 + options.get(i).length();
        }
        return n;
    }

    /** Options framed back to back, the payload of a container option. */
    static byte[] concat(byte[] fixedPart, List<Dhcp6Option> options) {
        byte[] out = new byte[fixedPart.length + wireLength(options)];
        System.arraycopy(fixedPart, 0, out, 0, fixedPart.length);
        write(options, out, fixedPart.length);
        return out;
    }

    static Dhcp6Option first(List<Dhcp6Option> options, int code) {
        for (int i = 0, n = options.size(); i < n; i++) {
            if (options.get(i).code() == code) {
                return options.get(i);
            }
        }
        return null;
    }

    static List<Dhcp6Option> all(List<Dhcp6Option> options, int code) {
        List<Dhcp6Option> out = new ArrayList<>();
        for (Dhcp6Option o : options) {
            if (o.code() == code) {
                out.add(o);
            }
        }
        return List.copyOf(out);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void putU16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void putU32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static void checkU32(String field, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " " + v + " is not in 0..4294967295");
        }
    }
}
