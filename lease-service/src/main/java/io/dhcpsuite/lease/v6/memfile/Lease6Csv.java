package io.dhcpsuite.lease.v6.memfile;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.lease.v6.Lease6Key;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Kea's v6 lease file rows (CSVLeaseFile6). Kea 2.2 writes schema 4.0,
 * {@code address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source};
 * Kea 2.3.8 added {@code pool_id}, which this file writes, as the v4 file does. Both load, as do the
 * older schemas without {@code state}, {@code user_context} or the hardware columns. Commas inside
 * hostname and user_context are written as {@code &#x2c}, as Kea escapes them.
 */
public final class Lease6Csv {
    public static final String HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source,pool_id";
    /** Kea's limits: DUID::MAX_DUID_LEN and HWAddr::MAX_HWADDR_LEN. */
    public static final int MAX_DUID = 130;
    public static final int MAX_HWADDR = 20;
    private static final String[] REQUIRED = {"address", "duid", "valid_lifetime", "expire", "subnet_id",
        "pref_lifetime", "lease_type", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lease6Csv() {
    }

    /** One journal row, with its line feed; a deletion is the lease with valid lifetime 0. */
    public static void append(StringBuilder out, Lease6 l, boolean delete) {
        long valid = delete ? 0 : l.validLft();
        boolean hw = l.hwAddress() != null && !l.hwAddress().isEmpty();
        out.append(l.ipAddress()).append(',')
                .append(l.duid() == null ? "" : l.duid()).append(',')
                .append(valid).append(',')
                .append(l.cltt() + valid).append(',')
                .append(l.subnetId()).append(',')
                .append(delete ? 0 : l.preferredLft()).append(',')
                .append(Lease6Key.typeCode(l.type())).append(',')
                .append(l.iaid()).append(',')
                .append(l.prefixLen()).append(',')
                .append(l.fqdnFwd() ? '1' : '0').append(',')
                .append(l.fqdnRev() ? '1' : '0').append(',')
                .append(escape(l.hostname())).append(',')
                .append(hw ? l.hwAddress() : "").append(',')
                .append(l.state()).append(',')
                .append(l.userContext() == null ? "" : escape(l.userContext().toString())).append(',')
                .append(hw ? "1" : "").append(',')
                .append(hw ? "0" : "").append(',')
                .append(l.poolId() == null ? 0 : l.poolId()).append('\n');
    }

    static String escape(String s) {
        return s == null ? "" : s.replace(",", "&#x2c");
    }

    static String unescape(String s) {
        return s.replace("&#x2c", ",");
    }

    /** Column positions from a header line. */
    static final class Columns {
        private final Map<String, Integer> pos = new HashMap<>();
        final int count;

        Columns(String header) {
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                pos.put(names[i].trim(), i);
            }
            count = names.length;
            for (String r : REQUIRED) {
                if (!pos.containsKey(r)) {
                    throw new IllegalArgumentException("lease file header lacks column '" + r + "'");
                }
            }
        }

        String get(String[] f, String name) {
            Integer i = pos.get(name);
            return i == null ? "" : f[i];
        }

        boolean current() {
            return count == HEADER.split(",").length && pos.containsKey("pool_id");
        }
    }

    /** Parses a row; IllegalArgumentException saying what is wrong. */
    static Lease6 parse(String line, Columns c) {
        String[] f = line.split(",", -1);
        if (f.length != c.count) {
            throw new IllegalArgumentException("expected " + c.count + " columns, found " + f.length);
        }
        String addrText = c.get(f, "address");
        String address;
        try {
            address = Prefix6.format(Prefix6.address(addrText));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid address '" + addrText + "'");
        }
        String duid = hex(c.get(f, "duid"), MAX_DUID, "duid");
        if (duid == null) {
            throw new IllegalArgumentException("empty duid");
        }
        long valid = number(c.get(f, "valid_lifetime"), "valid_lifetime");
        long expire = number(c.get(f, "expire"), "expire");
        long subnet = number(c.get(f, "subnet_id"), "subnet_id");
        long preferred = number(c.get(f, "pref_lifetime"), "pref_lifetime");
        int typeCode = (int) number(c.get(f, "lease_type"), "lease_type");
        if (typeCode < 0 || typeCode > 2) {
            throw new IllegalArgumentException("invalid lease_type " + typeCode);
        }
        long iaid = number(c.get(f, "iaid"), "iaid");
        int prefixLen = (int) number(c.get(f, "prefix_len"), "prefix_len");
        if (prefixLen < 1 || prefixLen > 128 || iaid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid prefix_len or iaid");
        }
        boolean fwd = flag(c.get(f, "fqdn_fwd"));
        boolean rev = flag(c.get(f, "fqdn_rev"));
        String host = unescape(c.get(f, "hostname"));
        String hw = hex(c.get(f, "hwaddr"), MAX_HWADDR, "hwaddr");
        String stateText = c.get(f, "state");
        int state = stateText.isEmpty() ? 0 : (int) number(stateText, "state");
        if (state < 0 || state > 4) {
            throw new IllegalArgumentException("invalid state " + state);
        }
        String ctxText = unescape(c.get(f, "user_context"));
        JsonNode ctx = null;
        if (!ctxText.isEmpty()) {
            try {
                ctx = JSON.readTree(ctxText);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid user_context: " + e.getMessage());
            }
            if (!ctx.isObject()) {
                throw new IllegalArgumentException("user_context is not a map");
            }
        }
        String poolText = c.get(f, "pool_id");
        long pool = poolText.isEmpty() ? 0 : number(poolText, "pool_id");
        return new Lease6(address, Lease6Key.typeName(typeCode), prefixLen, duid, iaid, subnet, pool == 0 ? null : pool,
                preferred, valid, expire - valid, hw, fwd, rev, host, state, ctx);
    }

    /** Lower-case colon hex of {@code text} ("0a:0b", "0a0b", "a:b"), null when empty; IllegalArgumentException otherwise. */
    public static String hexOf(String text, String what) {
        return hex(text.trim(), 255, what);
    }

    /** Lower-case colon hex of a hex field ("0a:0b" or "0a0b"), null when empty; longer than {@code max} octets is an error. */
    static String hex(String text, int max, String column) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > 3 * max) {
            throw new IllegalArgumentException(column + " longer than " + max + " octets");
        }
        String digits = text.replace(":", "").toLowerCase(Locale.ROOT);
        if (text.contains(":")) {
            // every octet of "a:b:c" may have one digit, as Kea accepts
            StringBuilder sb = new StringBuilder();
            for (String part : text.split(":", -1)) {
                if (part.isEmpty() || part.length() > 2) {
                    throw new IllegalArgumentException("invalid " + column + " '" + text + "'");
                }
                sb.append(part.length() == 1 ? "0" : "").append(part);
            }
            digits = sb.toString().toLowerCase(Locale.ROOT);
        }
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("invalid " + column + " '" + text + "'");
        }
        if (digits.length() / 2 > max) {
            throw new IllegalArgumentException(column + " longer than " + max + " octets");
        }
        StringBuilder out = new StringBuilder(digits.length() * 3 / 2);
        for (int i = 0; i < digits.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(digits, i, i + 2);
        }
        return out.toString();
    }

    private static long number(String s, String column) {
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0) {
                throw new IllegalArgumentException("negative " + column);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + column + " '" + s + "'");
        }
    }

    private static boolean flag(String s) {
        return switch (s) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("invalid boolean '" + s + "'");
        };
    }
}
