package io.dhcpsuite.lease.postgres;

import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseIndex;
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

/**
 * Group commit on PostgreSQL: one transaction per group, the last change per address kept (an
 * {@code ON CONFLICT DO UPDATE} may not touch a row twice), upserts as multi-row INSERT statements
 * of up to {@value #ROWS} rows, deletes as {@code address IN (...)}.
 */
public final class PostgresBackend implements LeaseBackend {
    static final int ROWS = 1000;
    private static final String COLUMNS =
            "address, hwaddr, client_id, valid_lifetime, expire, subnet_id, pool_id, fqdn_fwd, fqdn_rev, hostname, state, user_context";
    private static final String UPSERT_TAIL = " ON CONFLICT (address) DO UPDATE SET hwaddr = EXCLUDED.hwaddr, "
            + "client_id = EXCLUDED.client_id, valid_lifetime = EXCLUDED.valid_lifetime, expire = EXCLUDED.expire, "
            + "subnet_id = EXCLUDED.subnet_id, pool_id = EXCLUDED.pool_id, fqdn_fwd = EXCLUDED.fqdn_fwd, "
            + "fqdn_rev = EXCLUDED.fqdn_rev, hostname = EXCLUDED.hostname, state = EXCLUDED.state, "
            + "user_context = EXCLUDED.user_context";
    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public PostgresBackend(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The connection, for what lease-service keeps beside the leases (HA sync cursors). */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public Collection<Lease> load() {
        List<Lease> out = new ArrayList<>();
        read(out::add);
        return out;
    }

    /** Streams the table into the index (fetched 10,000 rows at a time), with no list of every lease. */
    @Override
    public void load(LeaseIndex index) {
        read(index::put);
    }

    private void read(java.util.function.Consumer<Lease> out) {
        jdbc.setFetchSize(10_000);
        tx.executeWithoutResult(s -> jdbc.query("SELECT " + COLUMNS + " FROM lease4", rs -> {
            long valid = rs.getLong("valid_lifetime");
            long expire = rs.getTimestamp("expire").toInstant().getEpochSecond();
            byte[] ctx = null;
            String uc = rs.getString("user_context");
            out.accept(new Lease((int) rs.getLong("address"), hex(rs.getBytes("hwaddr")), nullIfEmpty(hex(rs.getBytes("client_id"))),
                    valid, expire - valid, rs.getLong("subnet_id"), rs.getLong("pool_id"), rs.getBoolean("fqdn_fwd"),
                    rs.getBoolean("fqdn_rev"), rs.getString("hostname") == null ? "" : rs.getString("hostname"),
                    rs.getInt("state"), uc));
        }));
    }

    @Override
    public void write(List<LeaseChange> changes) {
        Map<Integer, LeaseChange> last = new LinkedHashMap<>();
        for (LeaseChange c : changes) {
            last.put(c.lease().address(), c);
        }
        List<Lease> upserts = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (LeaseChange c : last.values()) {
            if (c.delete()) {
                deletes.add(Integer.toUnsignedLong(c.lease().address()));
            } else {
                upserts.add(c.lease());
            }
        }
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < deletes.size(); i += ROWS) {
                List<Long> part = deletes.subList(i, Math.min(deletes.size(), i + ROWS));
                jdbc.update("DELETE FROM lease4 WHERE address IN (" + "?,".repeat(part.size() - 1) + "?)", part.toArray());
            }
            for (int i = 0; i < upserts.size(); i += ROWS) {
                upsert(upserts.subList(i, Math.min(upserts.size(), i + ROWS)));
            }
        });
    }

    private void upsert(List<Lease> part) {
        StringBuilder sql = new StringBuilder(200 + part.size() * 30).append("INSERT INTO lease4 (").append(COLUMNS).append(") VALUES ");
        Object[] args = new Object[part.size() * 12];
        int k = 0;
        for (int i = 0; i < part.size(); i++) {
            Lease l = part.get(i);
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?)");
            args[k++] = Integer.toUnsignedLong(l.address());
            args[k++] = bytes(l.hwAddress());
            args[k++] = bytes(l.clientId());
            args[k++] = l.validLft();
            args[k++] = Timestamp.from(Instant.ofEpochSecond(l.expire()));
            args[k++] = l.subnetId();
            args[k++] = l.poolId();
            args[k++] = l.fqdnFwd();
            args[k++] = l.fqdnRev();
            args[k++] = l.hostname();
            args[k++] = l.state();
            args[k++] = l.userContext();
        }
        sql.append(UPSERT_TAIL);
        jdbc.update(sql.toString(), args);
    }

    /** lease4-wipe and friends: the table becomes the snapshot. */
    @Override
    public void compact(Supplier<Collection<Lease>> snapshot) {
        Collection<Lease> leases = snapshot.get();
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM lease4");
            List<Lease> all = new ArrayList<>(leases);
            for (int i = 0; i < all.size(); i += ROWS) {
                upsert(all.subList(i, Math.min(all.size(), i + ROWS)));
            }
        });
    }

    private static byte[] bytes(String hex) {
        return hex == null || hex.isEmpty() ? null : HEX.parseHex(hex);
    }

    private static String hex(byte[] b) {
        return b == null ? "" : HEX.formatHex(b);
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
