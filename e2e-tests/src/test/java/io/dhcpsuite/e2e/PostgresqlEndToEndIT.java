package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The suite on PostgreSQL (the local server, 127.0.0.1:5432): DORAs, rows in the table, restart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlEndToEndIT {
    Suite suite;
    Perfdhcp.Report firstRun;

    /** The test's database. */
    String database() {
        return "dhcp_e2e";
    }

    /** dhcpctl start's options besides the config. */
    String[] startOptions() {
        return new String[0];
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        LocalPostgres.create(database());
        suite = Suite.start(Configs.postgresql(dir, database()), dir, startOptions());
        Perfdhcp.warmUp();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (suite != null) {
                suite.close();
            }
        } finally {
            LocalPostgres.drop(database());
        }
    }

    @Test
    @Order(1)
    void completesThousandsOfDorasWithLeasesInTheDatabase() throws Exception {
        long rowsBefore = leaseRows();
        firstRun = Perfdhcp.run(300, 1_000_000, 10);
        assertThat(firstRun.discoversSent()).as(firstRun.output()).isGreaterThan(2500);
        assertThat(firstRun.acks()).as(firstRun.output()).isEqualTo(firstRun.discoversSent());
        assertThat(firstRun.leases()).hasSize((int) firstRun.acks());
        assertThat(leaseRows() - rowsBefore).isEqualTo(firstRun.acks());
    }

    private long leaseRows() throws Exception {
        try (Connection c = DriverManager.getConnection(LocalPostgres.url(database()), "postgres", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM lease4")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(2)
    void leasesSurviveRestartOfLeaseService() throws Exception {
        Suite.Result r = suite.dhcpctl(Duration.ofMinutes(3), "restart", "lease-service");
        assertThat(r.exitCode()).as(r.output()).isZero();
        LeaseChecks.allLeased(suite, firstRun.leases());
        Perfdhcp.Report again = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(again.acks()).as(again.output()).isEqualTo(again.discoversSent()).isPositive();
    }
}
