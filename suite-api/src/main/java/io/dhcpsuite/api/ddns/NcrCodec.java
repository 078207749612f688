package io.dhcpsuite.api.ddns;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes and decodes NCRs as Kea's {@code NameChangeRequest::toFormat/fromFormat(FMT_JSON)}:
 * on UDP each datagram is a 2-byte big-endian length followed by that many bytes of JSON text
 * (bytes after it are ignored, as Kea ignores them). Decoding validates every field as Kea's
 * {@code fromJSON} and {@code validateContent} do and normalises the result: the FQDN gets its
 * trailing dot, the DHCID is upper-case hex, and {@code conflict-resolution-mode} is always set.
 */
public final class NcrCodec {
    /** Where ddns-service accepts the same JSON over HTTP (one NCR per request). */
    public static final String REST_PATH = "/internal/v1/ncr";
    /** Kea D2's default NCR port. */
    public static final int DEFAULT_PORT = 53001;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final Pattern LABEL = Pattern.compile("[\\x21-\\x7e]+");

    private NcrCodec() {
    }

    public static String toJson(Ncr ncr) {
        return MAPPER.writeValueAsString(ncr);
    }

    /** The UDP datagram: 2-byte big-endian length, then the JSON. */
    public static byte[] toDatagram(Ncr ncr) {
        byte[] json = toJson(ncr).getBytes(StandardCharsets.UTF_8);
        if (json.length > 0xffff) {
            throw new IllegalArgumentException("NCR JSON longer than 65535 bytes");
        }
        byte[] out = new byte[json.length + 2];
        out[0] = (byte) (json.length >> 8);
        out[1] = (byte) json.length;
        System.arraycopy(json, 0, out, 2, json.length);
        return out;
    }

    /** Decodes one datagram's payload; throws {@link NcrFormatException} naming what is wrong. */
    public static Ncr fromDatagram(byte[] buf, int offset, int length) {
        if (length < 2) {
            throw new NcrFormatException(null, "datagram of " + length + " bytes is shorter than the 2-byte length");
        }
        int declared = ((buf[offset] & 0xff) << 8) | (buf[offset + 1] & 0xff);
        if (declared > length - 2) {
            throw new NcrFormatException(null, "length prefix " + declared + " exceeds the "
                    + (length - 2) + " bytes that follow it");
        }
        return fromJson(new String(buf, offset + 2, declared, StandardCharsets.UTF_8));
    }

    /** Parses and validates one NCR JSON document. */
    public static Ncr fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new NcrFormatException(null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new NcrFormatException(null, "an NCR must be a JSON map");
        }
        int changeType = (int) integer(root, "change-type", 0, 1);
        boolean forward = bool(root, "forward-change");
        boolean reverse = bool(root, "reverse-change");
        if (!forward && !reverse) {
            throw new NcrFormatException("forward-change", "forward-change and reverse-change are both false");
        }
        String fqdn = fqdn(string(root, "fqdn"));
        String ip = string(root, "ip-address");
        if (!isIpv4(ip) && !isIpv6(ip)) {
            throw new NcrFormatException("ip-address", "'" + ip + "' is not an IPv4 or IPv6 address");
        }
        String dhcid = string(root, "dhcid");
        if (dhcid.isEmpty()) {
            throw new NcrFormatException("dhcid", "must not be empty");
        }
        byte[] dhcidBytes;
        try {
            dhcidBytes = HexFormat.of().parseHex(dhcid);
        } catch (IllegalArgumentException e) {
            throw new NcrFormatException("dhcid", "'" + dhcid + "' is not an even-length hex string");
        }
        String expires = string(root, "lease-expires-on");
        try {
            LocalDateTime.parse(expires, EXPIRES);
        } catch (DateTimeParseException e) {
            throw new NcrFormatException("lease-expires-on", "'" + expires + "' is not YYYYMMDDHHMMSS");
        }
        long leaseLength = integer(root, "lease-length", 0, 0xffffffffL);
        Boolean useCr = null;
        JsonNode u = root.get("use-conflict-resolution");
        if (u != null && !u.isNull()) {
            if (!u.isBoolean()) {
                throw new NcrFormatException("use-conflict-resolution", "must be a boolean");
            }
            useCr = u.asBoolean();
        }
        ConflictResolutionMode mode = useCr == null || useCr
                ? ConflictResolutionMode.CHECK_WITH_DHCID : ConflictResolutionMode.NO_CHECK_WITH_DHCID;
        JsonNode m = root.get("conflict-resolution-mode");
        if (m != null && !m.isNull()) {
            if (!m.isString()) {
                throw new NcrFormatException("conflict-resolution-mode", "must be a string");
            }
            mode = ConflictResolutionMode.fromWireName(m.asString());
            if (mode == null) {
                throw new NcrFormatException("conflict-resolution-mode", "'" + m.asString()
                        + "' is not one of check-with-dhcid, check-exists-with-dhcid, no-check-with-dhcid,"
                        + " no-check-without-dhcid");
            }
        }
        return new Ncr(changeType, forward, reverse, fqdn, ip, Dhcid.toHex(dhcidBytes), expires, leaseLength,
                useCr == null ? mode == ConflictResolutionMode.CHECK_WITH_DHCID : useCr, mode.wireName());
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new NcrFormatException(field, "missing");
        }
        return n;
    }

    private static long integer(JsonNode root, String field, long min, long max) {
        JsonNode n = required(root, field);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw new NcrFormatException(field, "must be an integer from " + min + " to " + max + ", got " + n);
        }
        return n.asLong();
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode n = required(root, field);
        if (!n.isBoolean()) {
            throw new NcrFormatException(field, "must be a boolean, got " + n);
        }
        return n.asBoolean();
    }

    private static String string(JsonNode root, String field) {
        JsonNode n = required(root, field);
        if (!n.isString()) {
            throw new NcrFormatException(field, "must be a string, got " + n);
        }
        return n.asString().trim();
    }

    private static String fqdn(String name) {
        if (name.isEmpty() || name.equals(".")) {
            throw new NcrFormatException("fqdn", "must not be empty");
        }
        String abs = name.endsWith(".") ? name : name + ".";
        if (abs.length() > 254) {
            throw new NcrFormatException("fqdn", "'" + name + "' is longer than 255 bytes in wire format");
        }
        for (String label : abs.substring(0, abs.length() - 1).split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !LABEL.matcher(label).matches()) {
                throw new NcrFormatException("fqdn", "'" + name + "' has an invalid label '" + label + "'");
            }
        }
        return abs;
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        // Literal only: never resolve a host name from an NCR.
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
