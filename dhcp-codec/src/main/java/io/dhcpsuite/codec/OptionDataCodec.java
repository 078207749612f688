package io.dhcpsuite.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Kea's {@code option-data} text rules, both ways.
 *
 * <p>With {@code csv-format: true} the data is a comma-separated list ("\," is a literal comma,
 * values are trimmed): one value per scalar option, one or more per array, one per record field
 * with the last field repeating when the definition is an array. With {@code csv-format: false}
 * it is hex, as Kea reads it: pairs of digits optionally prefixed "0x", or 1-2 digit groups
 * separated by ':' or by spaces. Either way the result must fit the definition. Binary types
 * take hex even in CSV, as in Kea. Errors are {@link IllegalArgumentException}s naming the bad
 * value and the problem.
 */
public final class OptionDataCodec {

    private OptionDataCodec() {
    }

    public static byte[] encode(OptionDefinition def, String data, boolean csvFormat) {
        String text = data == null ? "" : data;
        if (!csvFormat) {
            byte[] bytes = parseHex(text);
            if (!(bytes.length == 0 && def.type() != OptionType.EMPTY)) {
                decodeValues(def, bytes);
            }
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (def.type() == OptionType.EMPTY) {
            if (!text.isBlank()) {
                throw new IllegalArgumentException("option " + def.name() + " of type empty takes no data, got '"
                        + text + "'");
            }
            return new byte[0];
        }
        if (def.type() == OptionType.BINARY) {
            return parseHex(text);
        }
        List<String> tokens = tokens(text);
        if (def.type() == OptionType.INTERNAL) {
            if (def.code() != OptionCodes.CLASSLESS_STATIC_ROUTE) {
                throw new IllegalArgumentException("option " + def.name() + " has no text form; use csv-format false");
            }
            for (String t : tokens) {
                writeRoute(t, out);
            }
            return out.toByteArray();
        }
        if (def.type() == OptionType.RECORD) {
            List<OptionType> fields = def.recordTypes();
            if (tokens.size() < fields.size() || (!def.array() && tokens.size() > fields.size())) {
                throw new IllegalArgumentException("option " + def.name() + " needs " + fields.size()
                        + (def.array() ? " or more" : "") + " values (" + typeList(fields) + "), got "
                        + tokens.size());
            }
            for (int i = 0; i < tokens.size(); i++) {
                writeValue(fields.get(Math.min(i, fields.size() - 1)), tokens.get(i), def, out);
            }
            return out.toByteArray();
        }
        if (def.array()) {
            if (tokens.size() == 1 && tokens.get(0).isEmpty()) {
                return new byte[0];
            }
            for (String t : tokens) {
                writeValue(def.type(), t, def, out);
            }
            return out.toByteArray();
        }
        if (tokens.size() != 1) {
            throw new IllegalArgumentException("option " + def.name() + " takes one " + def.type()
                    + " value, got " + tokens.size() + " (write a comma inside a string as \\,)");
        }
        writeValue(def.type(), tokens.get(0), def, out);
        return out.toByteArray();
    }

    private static String typeList(List<OptionType> types) {
        StringBuilder sb = new StringBuilder();
        for (OptionType t : types) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.keaName());
        }
        return sb.toString();
    }

    /** Splits on commas not preceded by a backslash, unescapes "\,", trims each value. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }

    private static void writeValue(OptionType type, String v, OptionDefinition def, ByteArrayOutputStream out) {
        switch (type) {
            case UINT8 -> writeInt(v, 1, 0, 0xFFL, "uint8", out);
            case UINT16 -> writeInt(v, 2, 0, 0xFFFFL, "uint16", out);
            case UINT32 -> writeInt(v, 4, 0, 0xFFFF_FFFFL, "uint32", out);
            case INT8 -> writeInt(v, 1, Byte.MIN_VALUE, Byte.MAX_VALUE, "int8", out);
            case INT16 -> writeInt(v, 2, Short.MIN_VALUE, Short.MAX_VALUE, "int16", out);
            case INT32 -> writeInt(v, 4, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32", out);
            case BOOLEAN -> out.write(parseBoolean(v) ? 1 : 0);
            case IPV4_ADDRESS -> out.writeBytes(Ipv4.toBytes(Ipv4.parse(v)));
            case IPV6_ADDRESS -> out.writeBytes(Ipv6.parse(v));
            case IPV6_PREFIX -> writePrefix6(v, out);
            case PSID -> writePsid(v, out);
            case STRING -> {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("option " + def.name() + ": empty string values are not allowed");
                }
                out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            }
            case FQDN -> out.writeBytes(DnsNames.toWire(v, true));
            case TUPLE -> {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                int lenBytes = tupleLengthBytes(def);
                if (b.length > (lenBytes == 1 ? 0xFF : 0xFFFF)) {
                    throw new IllegalArgumentException("'" + v + "' is too long for a tuple of option " + def.name());
                }
                if (lenBytes == 2) {
                    out.write(b.length >>> 8);
                }
                out.write(b.length);
                out.writeBytes(b);
            }
            case BINARY -> out.writeBytes(parseHex(v));
            case EMPTY -> {
                if (!v.isEmpty()) {
                    throw new IllegalArgumentException("'" + v + "' given for an empty field of option " + def.name());
                }
            }
            default -> throw new IllegalArgumentException("option " + def.name() + ": type " + type
                    + " is not allowed here");
        }
    }

    /** RFC 8572 §8.2: the DHCPv4 SZTP redirect URIs carry 16-bit lengths; Kea's other v4 tuples 8-bit. */
    private static int tupleLengthBytes(OptionDefinition def) {
        // DHCPv6 tuples have a 2-octet length (RFC 8415 §21.16, RFC 5970 §3.2); so does DHCPv4's
        // v4-sztp-redirect (RFC 8572 §8.3). A custom DHCPv6 space is known only to the parser.
        if (StandardOptions6.spaces().contains(def.space())) {
            return 2;
        }
        return StandardOptions4.SPACE.equals(def.space()) && def.code() == 143 ? 2 : 1;
    }

    private static void writeInt(String v, int size, long min, long max, String typeName, ByteArrayOutputStream out) {
        long value;
        try {
            String s = v.startsWith("+") ? v.substring(1) : v;
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                value = Long.parseLong(digits.substring(2), 16);
            } else {
                if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                    throw new NumberFormatException();
                }
                value = Long.parseLong(digits);
            }
            value = neg ? -value : value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a valid " + typeName);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + v + "' is out of range for " + typeName);
        }
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static boolean parseBoolean(String v) {
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not a valid boolean (true or false)");
        };
    }

    private static void writePrefix6(String v, ByteArrayOutputStream out) {
        int slash = v.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + v + "' is not a valid ipv6-prefix (address/length)");
        }
        byte[] addr = Ipv6.parse(v.substring(0, slash).strip());
        int len = parseSmall(v.substring(slash + 1).strip(), 128, v, "ipv6-prefix length");
        out.write(len);
        out.write(addr, 0, (len + 7) / 8);
    }

    /** Kea's PSID text "psid/psid-len": written as psid-len, then the PSID left-aligned in 16 bits (RFC 7597 §5.1). */
    private static void writePsid(String v, ByteArrayOutputStream out) {
        int slash = v.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + v + "' is not a valid psid (psid/psid-len)");
        }
        int len = parseSmall(v.substring(slash + 1).strip(), 16, v, "psid length");
        ByteArrayOutputStream tmp = new ByteArrayOutputStream();
        writeInt(v.substring(0, slash).strip(), 2, 0, 0xFFFF, "psid", tmp);
        byte[] b = tmp.toByteArray();
        int psid = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        if (len < 16 && (psid >>> len) != 0) {
            throw new IllegalArgumentException("'" + v + "': psid " + psid + " does not fit " + len + " bits");
        }
        int wire = len == 0 ? 0 : (psid << (16 - len)) & 0xFFFF;
        out.write(len);
        out.write(wire >>> 8);
        out.write(wire);
    }

    private static int parseSmall(String s, int max, String whole, String what) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit) || Integer.parseInt(s) > max) {
            throw new IllegalArgumentException("'" + whole + "': " + what + " '" + s + "' is not in 0.." + max);
        }
        return Integer.parseInt(s);
    }

    /** Kea's text form of one RFC 3442 route: "dest/len - router". */
    private static void writeRoute(String v, ByteArrayOutputStream out) {
        int dash = v.indexOf('-');
        int slash = v.indexOf('/');
        if (dash < 0 || slash < 0 || slash > dash) {
            throw new IllegalArgumentException("'" + v + "' is not a valid classless static route"
                    + " (expected 'destination/length - router')");
        }
        int dest;
        int router;
        try {
            dest = Ipv4.parse(v.substring(0, slash).strip());
            router = Ipv4.parse(v.substring(dash + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + v + "' is not a valid classless static route: " + e.getMessage());
        }
        int len = parseSmall(v.substring(slash + 1, dash).strip(), 32, v, "prefix length");
        out.write(len);
        byte[] d = Ipv4.toBytes(dest & Ipv4.mask(len));
        out.write(d, 0, (len + 7) / 8);
        out.writeBytes(Ipv4.toBytes(router));
    }

    /**
     * Kea's hex forms: "0a0b0c", "0x0a0b0c", "0a:b:0c", "0a 0b 0c"; an odd digit count without
     * separators gets a leading zero. "" is no bytes.
     */
    public static byte[] parseHex(String text) {
        String s = text.strip();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (s.isEmpty()) {
            return new byte[0];
        }
        char sep = s.indexOf(':') >= 0 ? ':' : s.indexOf(' ') >= 0 ? ' ' : 0;
        if (sep != 0) {
            String[] parts = sep == ' ' ? s.split(" +") : s.split(":", -1);
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 2) {
                    throw badHex(text);
                }
                out.write(hexValue(p, text));
            }
            return out.toByteArray();
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
            if (s.isEmpty()) {
                throw badHex(text);
            }
        }
        if (s.length() % 2 == 1) {
            s = "0" + s;
        }
        for (int i = 0; i < s.length(); i += 2) {
            out.write(hexValue(s.substring(i, i + 2), text));
        }
        return out.toByteArray();
    }

    private static int hexValue(String digits, String whole) {
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                throw badHex(whole);
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static IllegalArgumentException badHex(String text) {
        return new IllegalArgumentException("'" + text + "' is not a valid hex string");
    }

    /**
     * The option payload in Kea's CSV text form, as {@link #encode} accepts it back; hex (upper
     * case, no separators, Kea's csv-format false form) when the definition is binary or the
     * payload does not fit the definition.
     */
    public static String format(OptionDefinition def, byte[] data) {
        if (def.type() == OptionType.BINARY) {
            return hex(data);
        }
        try {
            return String.join(", ", decodeValues(def, data));
        } catch (IllegalArgumentException e) {
            return hex(data);
        }
    }

    static String hex(byte[] data) {
        return HexFormat.of().withUpperCase().formatHex(data);
    }

    /** Splits a payload into the text of each value; throws if it does not fit the definition. */
    static List<String> decodeValues(OptionDefinition def, byte[] data) {
        Reader r = new Reader(def, data);
        List<String> out = new ArrayList<>();
        switch (def.type()) {
            case EMPTY -> {
                if (data.length != 0) {
                    throw r.misfit();
                }
            }
            case INTERNAL -> {
                if (def.code() != OptionCodes.CLASSLESS_STATIC_ROUTE) {
                    throw r.misfit();
                }
                while (r.more()) {
                    out.add(r.route());
                }
            }
            case RECORD -> {
                List<OptionType> fields = def.recordTypes();
                for (int i = 0; i < fields.size(); i++) {
                    boolean last = i == fields.size() - 1;
                    out.add(r.value(fields.get(i), last));
                }
                while (def.array() && r.more()) {
                    out.add(r.value(fields.get(fields.size() - 1), true));
                }
            }
            default -> {
                if (def.array()) {
                    while (r.more()) {
                        out.add(r.value(def.type(), true));
                    }
                } else {
                    out.add(r.value(def.type(), true));
                }
            }
        }
        if (r.more()) {
            throw r.misfit();
        }
        return out;
    }

    private static final class Reader {
        private final OptionDefinition def;
        private final byte[] b;
        private int p;

        Reader(OptionDefinition def, byte[] b) {
            this.def = def;
            this.b = b;
        }

        boolean more() {
            return p < b.length;
        }

        IllegalArgumentException misfit() {
            return new IllegalArgumentException(b.length + " bytes of data do not fit option " + def.name()
                    + " (" + (def.type() == OptionType.RECORD ? "record of " + typeList(def.recordTypes())
                    : def.type().keaName()) + (def.array() ? " array" : "") + ")");
        }

        private int take(int n) {
            if (n < 0 || b.length - p < n) {
                throw misfit();
            }
            int at = p;
            p += n;
            return at;
        }

        private long uint(int n) {
            int at = take(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[at + i] & 0xFF);
            }
            return v;
        }

        /** {@code rest}: a variable-length value may extend to the end of the payload. */
        String value(OptionType type, boolean rest) {
            switch (type) {
                case UINT8:
                case UINT16:
                case UINT32:
                    return Long.toString(uint(type.fixedSize()));
                case INT8:
                    return Long.toString((byte) uint(1));
                case INT16:
                    return Long.toString((short) uint(2));
                case INT32:
                    return Long.toString((int) uint(4));
                case BOOLEAN: {
                    long v = uint(1);
                    if (v > 1) {
                        throw misfit();
                    }
                    return v == 1 ? "true" : "false";
                }
                case IPV4_ADDRESS:
                    return Ipv4.format((int) uint(4));
                case IPV6_ADDRESS: {
                    int at = take(16);
                    byte[] a = new byte[16];
                    System.arraycopy(b, at, a, 0, 16);
                    return Ipv6.format(a);
                }
                case IPV6_PREFIX: {
                    int len = (int) uint(1);
                    if (len > 128) {
                        throw misfit();
                    }
                    int at = take((len + 7) / 8);
                    byte[] a = new byte[16];
                    System.arraycopy(b, at, a, 0, (len + 7) / 8);
                    return Ipv6.format(a) + "/" + len;
                }
                case PSID: {
                    int len = (int) uint(1);
                    int wire = (int) uint(2);
                    if (len > 16) {
                        throw misfit();
                    }
                    return (len == 0 ? 0 : wire >>> (16 - len)) + "/" + len;
                }
                case STRING: {
                    if (!rest) {
                        throw misfit();
                    }
                    int at = take(b.length - p);
                    return new String(b, at, b.length - at, StandardCharsets.UTF_8).replace(",", "\\,");
                }
                case BINARY: {
                    if (!rest) {
                        throw misfit();
                    }
                    int at = take(b.length - p);
                    return hex(java.util.Arrays.copyOfRange(b, at, b.length));
                }
                case FQDN: {
                    try {
                        DnsNames.Read read = DnsNames.read(b, p, b.length, false, 0, "domain name");
                        p = read.end();
                        return read.text() + ".";
                    } catch (MalformedPacketException e) {
                        throw misfit();
                    }
                }
                case TUPLE: {
                    int len = (int) uint(tupleLengthBytes(def));
                    int at = take(len);
                    return new String(b, at, len, StandardCharsets.UTF_8).replace(",", "\\,");
                }
                case EMPTY:
                    return "";
                default:
                    throw misfit();
            }
        }

        String route() {
            int len = (int) uint(1);
            if (len > 32) {
                throw misfit();
            }
            int n = (len + 7) / 8;
            int at = take(n);
            byte[] d = new byte[4];
            System.arraycopy(b, at, d, 0, n);
            return Ipv4.format(Ipv4.fromBytes(d, 0)) + "/" + len + " - " + Ipv4.format((int) uint(4));
        }
    }
}
