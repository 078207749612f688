package io.dhcpsuite.lease.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.lease.LeaseServiceApplication;
import io.dhcpsuite.lease.batch.LeaseBatchHttpTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * lease-service on the real local PostgreSQL ({@code -Dtest.pg.url}): the service creates the
 * database named in the config, Flyway makes the schema, the batch endpoint commits, and a new
 * service on the same database finds every lease.
 */
class PostgresLeaseServiceTest {
    static final String URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DB = "lease_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
    static Path config;

    @BeforeAll
    static void setUp() throws Exception {
        URI u = URI.create(URL.substring("jdbc:".length()));
        config = Files.createTempFile("lease-pg", ".json");
        Files.writeString(config, """
                { "Dhcp4": { "valid-lifetime": 3600,
                  "lease-database": { "type": "postgresql", "host": "%s", "port": %d, "name": "%s", "user": "postgres" },
                  "subnet4": [ { "id": 7, "subnet": "10.1.0.0/16", "pools": [ { "pool": "10.1.0.10 - 10.1.3.200" } ] } ] } }
                """.formatted(u.getHost(), u.getPort(), DB));
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LeaseServiceApplication.class)
                .run("--server.port=0", "--suite.config=" + config);
    }

    @Test
    void commitsBatchesToPostgresqlAndReloadsThem() throws Exception {
        List<String> acked = new ArrayList<>();
        try (ConfigurableApplicationContext ctx = start()) {
            // plain JDBC: JPA stays off on PostgreSQL too (LeaseDatabaseEnvironment.EXCLUDE_JPA)
            assertThat(ctx.getBeanNamesForType(jakarta.persistence.EntityManagerFactory.class)).isEmpty();
            int port = ctx.getEnvironment().getProperty("local.server.port", Integer.class);
            List<LeaseOp4> ops = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ops.add(new LeaseOp4(i, Kind.REQUEST, List.of(7L), 1, String.format("02:00:00:00:%02x:%02x", i >> 8, i & 0xff),
                        i % 2 == 0 ? String.format("01:%02x:%02x", i >> 8, i & 0xff) : null, true, null, false, null, 0, List.of(),
                        3600, "h" + i, false, false));
            }
            LeaseBatch4Result r = LeaseBatchHttpTest.batch(port, ops);
            assertThat(r.results()).extracting(x -> x.status()).containsOnly(Status.ASSIGNED);
            r.results().forEach(x -> acked.add(x.lease().ipAddress()));
            // release one, decline one
            LeaseBatch4Result rd = LeaseBatchHttpTest.batch(port, List.of(
                    new LeaseOp4(1000, Kind.RELEASE, List.of(7L), 1, "02:00:00:00:00:01", null, true, acked.get(1), false, null,
                            0, List.of(), 0, null, false, false),
                    new LeaseOp4(1001, Kind.DECLINE, List.of(7L), 1, "02:00:00:00:00:03", null, true, acked.get(3), false, null,
                            0, List.of(), 0, null, false, false)));
            assertThat(rd.results()).extracting(x -> x.status()).containsExactly(Status.RELEASED, Status.DECLINED);
        }
        try (Connection c = DriverManager.getConnection(URL.replace("/postgres", "/" + DB), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(CASE WHEN state = 1 THEN 1 ELSE 0 END) FROM lease4")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(300);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext ctx = start()) {
            int port = ctx.getEnvironment().getProperty("local.server.port", Integer.class);
            var all = LeaseBatchHttpTest.command(port, "{\"command\":\"lease4-get-all\",\"arguments\":{\"subnets\":[7]}}");
            assertThat(all.get("text").asString()).isEqualTo("300 IPv4 lease(s) found.");
            var stat = LeaseBatchHttpTest.command(port, "{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"subnet[7].declined-addresses\"}}");
            assertThat(stat.get("arguments").get("subnet[7].declined-addresses").get(0).get(0).asLong()).isEqualTo(1);
            LeaseBatch4Result renew = LeaseBatchHttpTest.batch(port, List.of(new LeaseOp4(1, Kind.REQUEST, List.of(7L), 1,
                    "02:00:00:00:00:05", null, true, acked.get(5), true, null, 0, List.of(), 3600, null, false, false)));
            assertThat(renew.results().get(0).reused()).isTrue();
            var del = LeaseBatchHttpTest.command(port, "{\"command\":\"lease4-del\",\"arguments\":{\"ip-address\":\"" + acked.get(5) + "\"}}");
            assertThat(del.get("text").asString()).isEqualTo("IPv4 lease deleted.");
        }
    }

    /** HA sync on PostgreSQL: a page applied in one transaction, its cursor in ha_sync_cursor (Flyway V2), kept across a restart. */
    @Test
    void keepsTheHaSyncCursorInTheDatabaseAcrossARestart() throws Exception {
        try (ConfigurableApplicationContext ctx = start()) {
            int port = ctx.getEnvironment().getProperty("local.server.port", Integer.class);
            var applied = LeaseBatchHttpTest.command(port, """
                    {"command": "ha-sync-apply", "arguments": {"partner": "server2",
                      "cursor": {"cltt": 1800000000, "ip-address": "10.1.9.9", "floor": 1799999990},
                      "leases": [ {"ip-address": "10.1.9.9", "hw-address": "02:00:00:00:09:09", "cltt": 1800000000,
                                   "valid-lft": 3600, "subnet-id": 7, "state": 0} ] } }""");
            assertThat(applied.get("text").asString()).isEqualTo("1 IPv4 lease(s) applied, 0 kept, 0 skipped.");
        }
        try (ConfigurableApplicationContext ctx = start()) {
            int port = ctx.getEnvironment().getProperty("local.server.port", Integer.class);
            var cursor = LeaseBatchHttpTest.command(port, "{\"command\": \"ha-sync-cursor-get\", \"arguments\": {\"partner\": \"server2\"}}");
            assertThat(cursor.get("arguments").toString())
                    .isEqualTo("{\"cltt\":1800000000,\"ip-address\":\"10.1.9.9\",\"floor\":1799999990}");
            var lease = LeaseBatchHttpTest.command(port, "{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"10.1.9.9\"}}");
            assertThat(lease.get("arguments").get("hw-address").asString()).isEqualTo("02:00:00:00:09:09");
            // a wipe that deletes leases drops the cursors: the next sync copies everything again
            LeaseBatchHttpTest.command(port, "{\"command\": \"lease4-wipe\", \"arguments\": {\"subnet-id\": 7}}");
            var gone = LeaseBatchHttpTest.command(port, "{\"command\": \"ha-sync-cursor-get\", \"arguments\": {\"partner\": \"server2\"}}");
            assertThat(gone.get("result").asInt()).isEqualTo(3);
        }
    }
}
