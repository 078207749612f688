package io.dhcpsuite.lease.command;

import io.dhcpsuite.lease.postgres.PostgresBackend;
import io.dhcpsuite.lease.store.LeaseBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The backend-independent lease commands on the real local PostgreSQL ({@code -Dtest.pg.url}), in
 * a database of this class's own, with the schema Flyway gives the service.
 */
class PostgresLeaseCommandsTest extends LeaseCommandsContract {
    static final String URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DB = "lease_cmds_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
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
    LeaseBackend newBackend() {
        new JdbcTemplate(dataSource).update("DELETE FROM lease4");
        return reopen();
    }

    @Override
    LeaseBackend reopen() {
        return new PostgresBackend(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @org.junit.jupiter.api.Test
    void leaseWriteIsAnErrorOnPostgresqlAsInKea() {
        assertAnswer(cmd("lease4-write", "{\"filename\": \"/tmp/x.csv\"}"), io.dhcpsuite.api.command.ResultCode.ERROR,
                "PgSqlLeaseMgr::writeLeases4() not implemented");
    }
}
