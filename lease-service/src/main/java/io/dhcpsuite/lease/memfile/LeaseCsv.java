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

        boolean hasPoolId() {
            return pos.containsKey("pool_id");
        }
    }

    /** Parses a row; throws IllegalArgumentException saying what is wrong. */
    static Lease parse(String line, Columns c) {
        String[] f = line.split(",", -1);
        if (f.length != c.count) {
            throw new IllegalArgumentException("expected " + c.count + " columns, found " + f.length);
        }
        Integer addr = Ipv4.tryParse(f[c.pos.get("address")]);
        if (addr == null) {
            throw new IllegalArgumentException("invalid address '" + f[c.pos.get("address")] + "'");
        }
        String hw = f[c.pos.get("hwaddr")];
        hw = hw.isEmpty() ? "" : Lease.hexId(hw);
        String cid = Lease.hexId(f[c.pos.get("client_id")]);
        long valid = Long.parseLong(f[c.pos.get("valid_lifetime")]);
        long expire = Long.parseLong(f[c.pos.get("expire")]);
        long subnet = Long.parseLong(f[c.pos.get("subnet_id")]);
        boolean fwd = flag(f[c.pos.get("fqdn_fwd")]);
        boolean rev = flag(f[c.pos.get("fqdn_rev")]);
        String host = unescape(f[c.pos.get("hostname")]);
        int state = c.pos.containsKey("state") ? Integer.parseInt(f[c.pos.get("state")]) : 0;
        String ctx = c.pos.containsKey("user_context") ? unescape(f[c.pos.get("user_context")]) : "";
        long pool = c.hasPoolId() && !f[c.pos.get("pool_id")].isEmpty() ? Long.parseLong(f[c.pos.get("pool_id")]) : 0;
        if (valid < 0 || state < 0 || state > 4) {
            throw new IllegalArgumentException("invalid valid_lifetime or state");
        }
        return new Lease(addr, hw, cid, valid, expire - valid, subnet, pool, fwd, rev, host, state,
                ctx.isEmpty() ? null : ctx);
    }

    private static boolean flag(String s) {
        return switch (s) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("invalid boolean '" + s + "'");
        };
    }
}
