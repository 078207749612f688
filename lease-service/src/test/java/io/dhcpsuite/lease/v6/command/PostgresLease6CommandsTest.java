package io.dhcpsuite.lease.v6.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6BatchService;
import io.dhcpsuite.lease.v6.V6Support;
import io.dhcpsuite.lease.v6.postgres.Postgres6Backend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lease6 commands on the real local PostgreSQL ({@code -Dtest.pg.url}), in a database of this
 * class's own (dropped afterwards) with the schema Flyway gives the service; and the hot path's
 * batches committed there before their answer.
 */
class PostgresLease6CommandsTest extends Lease6CommandsContract {
    static final String URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DB = "lease6_cmds_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
    static SimpleDriverDataSource dataSource;

    @BeforeAll
    static void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
        }
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), URL.replace("/postgres", "/" + DB), "postgres", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    @Override
    Lease6Backend newBackend(Path dir) {
        new JdbcTemplate(dataSource).update("DELETE FROM lease6");
        return reopen(dir);
    }

    @Override
    Lease6Backend reopen(Path dir) {
        return new Postgres6Backend(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Test
    void leaseWriteIsAnErrorOnPostgresqlAsInKea() {
        assertThat(cmd("lease6-write", "{\"filename\": \"x.csv\"}").text())
                .isEqualTo("PgSqlLeaseMgr::writeLeases6() not implemented");
    }

    @Test
    void batchesAreCommittedBeforeTheirAnswer() throws Exception {
        Lease6BatchService service = new Lease6BatchService(engine, Duration.ofSeconds(5), () -> false);
        LeaseOp6 op = V6Support.op(LeaseOp6.Kind.ASSIGN, V6Support.duid(1), List.of(1L), V6Support.na(1), V6Support.pd(2));
        LeaseResult6 r = service.process(new LeaseBatch6(List.of(op))).join().results().get(0);
        assertThat(r.status()).isEqualTo(LeaseResult6.Status.OK);
        Integer rows = new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM lease6 WHERE duid = decode('010203040506070" + "1', 'hex')", Integer.class);
        assertThat(rows).isEqualTo(2);
        assertReloads();
    }
}
