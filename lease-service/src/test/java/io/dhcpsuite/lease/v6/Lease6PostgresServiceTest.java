package io.dhcpsuite.lease.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.lease.LeaseResult6.IaStatus;
import io.dhcpsuite.lease.LeaseServiceApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * lease-service with Dhcp6's lease-database on the local PostgreSQL (Dhcp4 on memfile): the lease6
 * table made by Flyway, a REQUEST's leases committed before the answer, and found again by a second
 * service on the same database. The database is this class's own and dropped afterwards.
 */
class Lease6PostgresServiceTest {
    static final String ADMIN = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DB = "lease6_svc_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;

    @AfterAll
    static void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    @Test
    void requestIsCommittedToTheLease6TableAndReloaded() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
        }
        Path dir = Files.createTempDirectory("lease6-pg");
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 } },
                  "Dhcp6": { "lease-database": { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "user": "postgres" },
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                                   "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                                   "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ] } ] } }
                """.formatted(dir.resolve("leases4.csv"), DB));
        String address;
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(LeaseServiceApplication.class)
                .run("--server.port=0", "--suite.config=" + cfg)) {
            int port = ctx.getEnvironment().getProperty("local.server.port", Integer.class);
            LeaseBatch6Result r = Lease6BatchHttpTest.batch(port, List.of(Lease6BatchHttpTest.op(1, Kind.ASSIGN, 1, List.of(), List.of())));
            assertThat(r.results().get(0).ias()).extracting(ia -> ia.status()).containsOnly(IaStatus.SUCCESS);
            address = r.results().get(0).ias().get(0).leases().get(0).ipAddress();
            try (Connection c = DriverManager.getConnection(ADMIN.replace("/postgres", "/" + DB), "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT address, lease_type, prefix_len FROM lease6 ORDER BY lease_type")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(address);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.getInt(3)).isEqualTo(56);
            }
        }
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(LeaseServiceApplication.class)
                .run("--server.port=0", "--suite.config=" + cfg)) {
            Allocation6Engine engine = again.getBean(Allocation6Engine.class);
            io.dhcpsuite.api.lease.Lease6 found = engine.store().read(i -> i.get(Lease6Key.of(address, "IA_NA")));
            assertThat(found).isNotNull();
            assertThat(engine.stats().statistics().value("subnet[1].assigned-pds")).isEqualTo(1);
        }
    }
}
