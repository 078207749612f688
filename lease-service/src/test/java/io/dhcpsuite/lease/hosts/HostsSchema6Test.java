package io.dhcpsuite.lease.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.config.LeaseDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DHCPv6 part of the hosts schema (Flyway {@code db/hosts} V2): hosts6 with its addresses and
 * prefixes in ipv6_reservations, next to hosts4 in the same database, with the rules the database
 * itself enforces (one host per identifier and subnet, one reservation per address or prefix and
 * subnet, v6 identifier types only, rows of a deleted host go with it). Each test gets a database of
 * its own ({@link HostsPostgres}), dropped afterwards.
 */
class HostsSchema6Test {
    private final LeaseDatabase db = HostsPostgres.freshDatabase();
    private HostDatabase opened;
    private Connection c;

    @BeforeEach
    void migrate() throws SQLException {
        opened = HostDatabase.open(db, db.password());
        c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name(),
                db.user(), db.password());
    }

    @AfterEach
    void drop() throws SQLException {
        try {
            c.close();
            opened.close();
        } finally {
            HostsPostgres.drop(db);
        }
    }

    @Test
    void oneDatabaseHoldsBothFamiliesAndBothMigrationsAreRecorded() throws SQLException {
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " ORDER BY table_name"))
                .contains("hosts4", "hosts6", "ipv6_reservations", "flyway_hosts_history");
        assertThat(strings("SELECT version FROM flyway_hosts_history WHERE success ORDER BY installed_rank"))
                .containsExactly("1", "2");
    }

    @Test
    void aHostKeepsItsAddressesAndPrefixesAndTheyGoWithIt() throws SQLException {
        long id = host("duid", "00:01:00:01:aa:bb", 1);
        reserve(id, 1, "2001:db8:1::100", 128, 0);
        reserve(id, 1, "2001:db8:1::101", 128, 0);
        reserve(id, 1, "2001:db8:100::", 56, 2);
        assertThat(strings("SELECT host(address) || '/' || prefix_len || ' ' || type FROM ipv6_reservations"
                + " WHERE host_id = " + id + " ORDER BY address"))
                .containsExactly("2001:db8:1::100/128 0", "2001:db8:1::101/128 0", "2001:db8:100::/56 2");
        exec("DELETE FROM hosts6 WHERE host_id = " + id);
        assertThat(strings("SELECT reservation_id FROM ipv6_reservations")).isEmpty();
    }

    @Test
    void refusesASecondHostForTheSameIdentifierAndSubnetButNotInAnotherSubnet() throws SQLException {
        host("duid", "00:01:00:01:aa:bb", 1);
        host("duid", "00:01:00:01:aa:bb", 2);
        host("duid", "00:01:00:01:aa:bb", 0);
        assertThatThrownBy(() -> host("duid", "00:01:00:01:aa:bb", 1))
                .hasMessageContaining("hosts6_identifier_unique");
    }

    @Test
    void anAddressOrPrefixIsReservedOncePerSubnetWhateverItsSpelling() throws SQLException {
        long a = host("duid", "00:01:00:01:aa:bb", 1);
        long b = host("hw-address", "1a:1b:1c:1d:1e:1f", 1);
        long other = host("flex-id", "61:62", 2);
        reserve(a, 1, "2001:db8:1::100", 128, 0);
        assertThatThrownBy(() -> reserve(b, 1, "2001:0db8:0001:0000::0100", 128, 0))
                .hasMessageContaining("ipv6_reservations_unique");
        reserve(other, 2, "2001:db8:1::100", 128, 0);
        reserve(a, 1, "2001:db8:100::", 56, 2);
        assertThatThrownBy(() -> reserve(b, 1, "2001:db8:100::", 56, 2))
                .hasMessageContaining("ipv6_reservations_unique");
    }

    @Test
    void refusesWhatADhcpv6HostCannotBe() throws SQLException {
        assertThatThrownBy(() -> host("client-id", "01:02:03", 1)).hasMessageContaining("check");
        long id = host("duid", "00:01", 1);
        assertThatThrownBy(() -> reserve(id, 1, "198.18.0.1", 32, 0)).hasMessageContaining("check");
        assertThatThrownBy(() -> reserve(id, 1, "2001:db8::", 64, 0)).hasMessageContaining("check");
        assertThatThrownBy(() -> reserve(id, 1, "2001:db8::", 64, 1)).hasMessageContaining("check");
    }

    private long host(String type, String identifier, long subnetId) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "INSERT INTO hosts6 (identifier_type, identifier, subnet_id) VALUES ('" + type + "', '"
                        + identifier + "', " + subnetId + ") RETURNING host_id")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void reserve(long hostId, long subnetId, String address, int length, int type) throws SQLException {
        exec("INSERT INTO ipv6_reservations (host_id, subnet_id, address, prefix_len, type) VALUES ("
                + hostId + ", " + subnetId + ", '" + address + "', " + length + ", " + type + ")");
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
