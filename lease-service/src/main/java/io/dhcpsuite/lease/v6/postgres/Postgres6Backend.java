package io.dhcpsuite.lease.v6.postgres;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Change;
import io.dhcpsuite.lease.v6.Lease6Index;
import io.dhcpsuite.lease.v6.Lease6Key;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v6 group commit on PostgreSQL, as {@link io.dhcpsuite.lease.postgres.PostgresBackend} does it
 * for v4: one transaction per group, the last change per (address, type) kept, upserts as multi-row
 * INSERT ... ON CONFLICT statements of up to {@value #ROWS} rows, deletes by key.
 */
public final class Postgres6Backend implements Lease6Backend {
    static final int ROWS = 500;
    private static final String COLUMNS = "address, lease_type, duid, valid_lifetime, expire, subnet_id, pref_lifetime, "
            + "iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context, pool_id";
    private static final int NCOL = 18;
    private static final String UPSERT_TAIL = " ON CONFLICT (address, lease_type) DO UPDATE SET duid = EXCLUDED.duid, "
            + "valid_lifetime = EXCLUDED.valid_lifetime, expire = EXCLUDED.expire, subnet_id = EXCLUDED.subnet_id, "
            + "pref_lifetime = EXCLUDED.pref_lifetime, iaid = EXCLUDED.iaid, prefix_len = EXCLUDED.prefix_len, "
            + "fqdn_fwd = EXCLUDED.fqdn_fwd, fqdn_rev = EXCLUDED.fqdn_rev, hostname = EXCLUDED.hostname, "
            + "hwaddr = EXCLUDED.hwaddr, hwtype = EXCLUDED.hwtype, hwaddr_source = EXCLUDED.hwaddr_source, "
            + "state = EXCLUDED.state, user_context = EXCLUDED.user_context, pool_id = EXCLUDED.pool_id";
    private static final HexFormat HEX = HexFormat.ofDelimiter(":");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public Postgres6Backend(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public void load(Lease6Index index) {
        jdbc.setFetchSize(10_000);
        tx.executeWithoutResult(s -> jdbc.query("SELECT " + COLUMNS + " FROM lease6", rs -> {
            long valid = rs.getLong("valid_lifetime");
            long expire = rs.getTimestamp("expire").toInstant().getEpochSecond();
            String uc = rs.getString("user_context");
            long pool = rs.getLong("pool_id");
            byte[] hw = rs.getBytes("hwaddr");
            index.put(new Lease6(rs.getString("address"), Lease6Key.typeName(rs.getInt("lease_type")),
                    rs.getInt("prefix_len"), hex(rs.getBytes("duid")), rs.getLong("iaid"), rs.getLong("subnet_id"),
                    pool == 0 ? null : pool, rs.getLong("pref_lifetime"), valid, expire - valid,
                    hw == null || hw.length == 0 ? null : HEX.formatHex(hw), rs.getBoolean("fqdn_fwd"),
                    rs.getBoolean("fqdn_rev"), rs.getString("hostname") == null ? "" : rs.getString("hostname"),
                    rs.getInt("state"), uc == null || uc.isEmpty() ? null : JSON.readTree(uc)));
        }));
    }

    @Override
    public void write(List<Lease6Change> changes) {
        Map<Lease6Key, Lease6Change> last = new LinkedHashMap<>();
        for (Lease6Change c : changes) {
            last.put(Lease6Key.of(c.lease()), c);
        }
        List<Lease6> upserts = new ArrayList<>();
        List<Lease6> deletes = new ArrayList<>();
        for (Lease6Change c : last.values()) {
            (c.delete() ? deletes : upserts).add(c.lease());
        }
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < deletes.size(); i += ROWS) {
                List<Lease6> part = deletes.subList(i, Math.min(deletes.size(), i + ROWS));
                Object[] args = new Object[part.size() * 2];
                for (int j = 0; j < part.size(); j++) {
                    args[2 * j] = part.get(j).ipAddress();
                    args[2 * j + 1] = (short) Lease6Key.typeCode(part.get(j).type());
                }
                jdbc.update("DELETE FROM lease6 WHERE (address, lease_type) IN (" + "(?,?),".repeat(part.size() - 1)
                        + "(?,?))", args);
            }
            for (int i = 0; i < upserts.size(); i += ROWS) {
                upsert(upserts.subList(i, Math.min(upserts.size(), i + ROWS)));
            }
        });
    }

    private void upsert(List<Lease6> part) {
        StringBuilder sql = new StringBuilder(300 + part.size() * 40).append("INSERT INTO lease6 (").append(COLUMNS)
                .append(") VALUES ");
        Object[] args = new Object[part.size() * NCOL];
        String row = "(" + "?,".repeat(NCOL - 1) + "?)";
        int k = 0;
        for (int i = 0; i < part.size(); i++) {
            Lease6 l = part.get(i);
            boolean hw = l.hwAddress() != null && !l.hwAddress().isEmpty();
            sql.append(i == 0 ? "" : ",").append(row);
            args[k++] = l.ipAddress();
            args[k++] = (short) Lease6Key.typeCode(l.type());
            args[k++] = l.duid() == null ? null : HEX.parseHex(l.duid());
            args[k++] = l.validLft();
            args[k++] = Timestamp.from(Instant.ofEpochSecond(l.expire()));
            args[k++] = l.subnetId();
            args[k++] = l.preferredLft();
            args[k++] = l.iaid();
            args[k++] = (short) l.prefixLen();
            args[k++] = l.fqdnFwd();
            args[k++] = l.fqdnRev();
            args[k++] = l.hostname();
            args[k++] = hw ? HEX.parseHex(l.hwAddress()) : null;
            args[k++] = hw ? (Object) (short) 1 : null;
            args[k++] = hw ? (Object) (short) 0 : null;
            args[k++] = l.state();
            args[k++] = l.userContext() == null ? null : l.userContext().toString();
            args[k++] = l.poolId() == null ? 0L : l.poolId();
        }
        sql.append(UPSERT_TAIL);
        jdbc.update(sql.toString(), args);
    }

    /** lease6-wipe and friends: the table becomes the snapshot. */
    @Override
    public void compact(Supplier<Collection<Lease6>> snapshot) {
        Collection<Lease6> leases = snapshot.get();
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM lease6");
            List<Lease6> all = new ArrayList<>(leases);
            for (int i = 0; i < all.size(); i += ROWS) {
                upsert(all.subList(i, Math.min(all.size(), i + ROWS)));
            }
        });
    }

    private static String hex(byte[] b) {
        return b == null ? null : HEX.formatHex(b);
    }
}
