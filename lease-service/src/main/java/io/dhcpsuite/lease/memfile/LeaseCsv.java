package io.dhcpsuite.lease.memfile;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.lease.store.Lease;
import java.util.HashMap;
import java.util.Map;

/**
 * Kea's v4 lease file rows (csv_lease_file4.cc). Schema 3.0 (Kea 2.3.8+) adds {@code pool_id} to
 * the 2.0 columns of Kea 2.2; both load. Commas inside hostname and user_context are written as
 * {@code &#x2c}, as Kea escapes them.
 */
public final class LeaseCsv {
    public static final String HEADER =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id";
    /** Kea's limits (HWAddr::MAX_HWADDR_LEN; a client identifier is one DHCPv4 option at most). */
    public static final int MAX_HWADDR = 20;
    public static final int MAX_CLIENT_ID = 255;
    private static final String[] REQUIRED = {"address", "hwaddr", "client_id", "valid_lifetime", "expire", "subnet_id",
        "fqdn_fwd", "fqdn_rev", "hostname"};

    private LeaseCsv() {
    }

    /** One journal row, with its line feed. */
    public static void append(StringBuilder out, Lease l, boolean delete) {
        long valid = delete ? 0 : l.validLft();
        out.append(Ipv4.format(l.address())).append(',')
                .append(l.hwAddress() == null ? "" : l.hwAddress()).append(',')
                .append(l.clientId() == null ? "" : l.clientId()).append(',')
                .append(valid).append(',')
                .append(l.cltt() + valid).append(',')
                .append(l.subnetId()).append(',')
                .append(l.fqdnFwd() ? '1' : '0').append(',')
                .append(l.fqdnRev() ? '1' : '0').append(',')
                .append(escape(l.hostname())).append(',')
                .append(l.state()).append(',')
                .append(escape(l.userContext())).append(',')
                .append(l.poolId()).append('\n');
    }

    static String escape(String s) {
        return s == null ? "" : s.replace(",", "&#x2c");
    }

    static String unescape(String s) {
        return s.replace("&#x2c", ",");
    }

    /** Column positions from a header line. */
    public static final class Columns {
        final Map<String, Integer> pos = new HashMap<>();
        final int count;
        final int address;
        final int hwaddr;
        final int clientId;
        final int valid;
        final int expire;
        final int subnet;
        final int fqdnFwd;
        final int fqdnRev;
        final int hostname;
        final int state;
        final int userContext;
        final int poolId;
        /** Where each field of the row being parsed starts, and where the one after the last would. */
        private final int[] starts;

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
            address = pos.get("address");
            hwaddr = pos.get("hwaddr");
            clientId = pos.get("client_id");
            valid = pos.get("valid_lifetime");
            expire = pos.get("expire");
            subnet = pos.get("subnet_id");
            fqdnFwd = pos.get("fqdn_fwd");
            fqdnRev = pos.get("fqdn_rev");
            hostname = pos.get("hostname");
            state = pos.getOrDefault("state", -1);
            userContext = pos.getOrDefault("user_context", -1);
            poolId = pos.getOrDefault("pool_id", -1);
            starts = new int[count + 1];
        }

        boolean hasPoolId() {
            return poolId >= 0;
        }
    }

    /**
     * Parses a row; throws IllegalArgumentException saying what is wrong. The fields are read in
     * place; anything but plain digits and lower-case colon hex goes through the general parsers
     * (Long.parseLong, Lease.hexId), so every row means what it always did.
     */
    static Lease parse(String line, Columns c) {
        int[] at = c.starts;
        int fields = 1;
        at[0] = 0;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            if (fields < at.length) {
                at[fields] = i + 1;
            }
            fields++;
        }
        if (fields != c.count) {
            throw new IllegalArgumentException("expected " + c.count + " columns, found " + fields);
        }
        at[fields] = line.length() + 1;
        long a = Ipv4.parse(line, at[c.address], at[c.address + 1] - 1);
        if (a < 0) {
            throw new IllegalArgumentException("invalid address '" + field(line, at, c.address) + "'");
        }
        String hw = empty(at, c.hwaddr) ? "" : hexId(line, at, c.hwaddr, MAX_HWADDR, "hwaddr");
        String cid = empty(at, c.clientId) ? null : hexId(line, at, c.clientId, MAX_CLIENT_ID, "client_id");
        long valid = number(line, at, c.valid);
        long expire = number(line, at, c.expire);
        long subnet = number(line, at, c.subnet);
        boolean fwd = flag(field(line, at, c.fqdnFwd));
        boolean rev = flag(field(line, at, c.fqdnRev));
        String host = empty(at, c.hostname) ? "" : unescape(field(line, at, c.hostname));
        int state = c.state >= 0 ? state(line, at, c.state) : 0;
        String ctx = c.userContext >= 0 && !empty(at, c.userContext) ? unescape(field(line, at, c.userContext)) : "";
        long pool = c.hasPoolId() && !empty(at, c.poolId) ? number(line, at, c.poolId) : 0;
        if (valid < 0 || state < 0 || state > 4) {
            throw new IllegalArgumentException("invalid valid_lifetime or state");
        }
        return new Lease((int) a, hw, cid, valid, expire - valid, subnet, pool, fwd, rev, host, state,
                ctx.isEmpty() ? null : ctx);
    }

    private static boolean empty(int[] at, int k) {
        return at[k + 1] - 1 == at[k];
    }

    private static String field(String line, int[] at, int k) {
        return line.substring(at[k], at[k + 1] - 1);
    }

    /**
     * The field as lower-case colon hex, as Lease.hexId gives it; a field in that form already is taken as is.
     * Longer than {@code max} octets is a row error, checked on the text before it is decoded
     * (CVE-2021-25217 was an oversize hex string in a lease file).
     */
    private static String hexId(String line, int[] at, int k, int max, String column) {
        int from = at[k];
        int to = at[k + 1] - 1;
        // "aa:bb" is 3n-1 characters for n octets; "aabb" 2n: either way over 3*max is too long
        if (to - from > 3 * max) {
            throw new IllegalArgumentException(column + " longer than " + max + " octets");
        }
        boolean canonical = (to - from) % 3 == 2;
        for (int i = from; canonical && i < to; i++) {
            char ch = line.charAt(i);
            canonical = (i - from) % 3 == 2 ? ch == ':' : (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
        }
        String text = line.substring(from, to);
        String hex = canonical ? text : Lease.hexId(text);
        if (hex != null && (hex.length() + 1) / 3 > max) {
            throw new IllegalArgumentException(column + " longer than " + max + " octets");
        }
        return hex;
    }

    /** Long.parseLong of the field; plain digits are read in place. */
    private static long number(String line, int[] at, int k) {
        int from = at[k];
        int to = at[k + 1] - 1;
        if (to > from && to - from <= 18) {
            long v = 0;
            int i = from;
            for (; i < to; i++) {
                char ch = line.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
            }
            if (i == to) {
                return v;
            }
        }
        return Long.parseLong(line.substring(from, to));
    }

    /** Integer.parseInt of the field; a single digit is read in place. */
    private static int state(String line, int[] at, int k) {
        int from = at[k];
        char ch = at[k + 1] - 1 - from == 1 ? line.charAt(from) : 'x';
        return ch >= '0' && ch <= '9' ? ch - '0' : Integer.parseInt(field(line, at, k));
    }

    private static boolean flag(String s) {
        return switch (s) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("invalid boolean '" + s + "'");
        };
    }
}
