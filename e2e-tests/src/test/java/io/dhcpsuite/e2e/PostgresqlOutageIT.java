package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for 30 s under perfdhcp load and started again, with Kea's
 * {@code on-fail: stop-retry-exit} and enough tries to outlast it: DHCP service stops (no OFFER,
 * no ACK) while the connection is lost, every lease ACKed before and after is a row in the table,
 * and service resumes by itself, the same lease-service process, within seconds of PostgreSQL's
 * return. The other policies and the exit when the tries run out are DatabaseRecoveryTest's.
 *
 * <p>The local cluster is stopped with {@code pg_ctlcluster}, always started again in a finally
 * block; the suite's test lock keeps other tests off it meanwhile.
 */
class PostgresqlOutageIT {
    static final String DB = "dhcp_e2e_outage";
    static final Duration OUTAGE = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        LocalPostgres.create(DB);
        suite = Suite.start(Configs.postgresql(dir, DB,
                "\"max-reconnect-tries\": 60, \"reconnect-wait-time\": 1000, \"on-fail\": \"stop-retry-exit\""), dir);
        Perfdhcp.warmUp();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (suite != null) {
                suite.close();
            }
        } finally {
            LocalPostgres.drop(DB);
        }
    }

    @Test
    void stopRetryExitStopsServiceAndResumesByItselfWithEveryAckedLeaseCommitted() throws Exception {
        int leaseServicePid = suite.pid("lease-service");
        CompletableFuture<Perfdhcp.Report> load = Perfdhcp.runAsync(100, 1_000_000, 50);
        LeaseChecks.awaitAcks(suite, 300, Duration.ofSeconds(20));
        long acksAtStop;
        long acksAtStart;
        long resumedMillis;
        LocalPostgres.pgCtl("stop");
        try {
            acksAtStop = suite.statistic("pkt4-ack-sent");
            // hold the outage; poll meanwhile that no ACK leaves while the database is away
            long end = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(1000);
            }
            acksAtStart = suite.statistic("pkt4-ack-sent");
        } finally {
            LocalPostgres.pgCtl("start");
        }
        long startedAt = System.nanoTime();
        while (suite.statistic("pkt4-ack-sent") <= acksAtStart && System.nanoTime() - startedAt < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(100);
        }
        resumedMillis = (System.nanoTime() - startedAt) / 1_000_000;
        Perfdhcp.Report report = load.get();

        // a few ACKs may be in flight at the moment of the stop (their commit finished just before)
        assertThat(acksAtStart - acksAtStop).as("ACKs sent while PostgreSQL was stopped").isLessThanOrEqualTo(5);
        assertThat(resumedMillis).as("ms from PostgreSQL's start to the next ACK").isLessThan(20_000);
        assertThat(suite.pid("lease-service")).as("no restart by hand or by the policy").isEqualTo(leaseServicePid);
        assertThat(report.acks()).as(report.output()).isPositive().isLessThan(report.discoversSent());
        Set<String> rows = LocalPostgres.leaseRows(DB);
        Set<String> missing = new HashSet<>(report.leases());
        missing.removeAll(rows);
        assertThat(missing).as("ACKed leases without a row").isEmpty();
        LeaseChecks.allLeased(suite, report.leases());
        String log = Files.readString(suite.log("lease-service"));
        assertThat(log).contains("DHCP4_DB_RECONNECT_LOST_CONNECTION", "DHCP4_DB_RECONNECT_SUCCEEDED");
        Perfdhcp.Report after = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(after.acks()).as(after.output()).isEqualTo(after.discoversSent()).isPositive();
        System.out.printf("FAULT postgresql stopped %d s (stop-retry-exit): %d DISCOVERs, %d ACKs, %d ACKed while"
                        + " stopped; first ACK %d ms after PostgreSQL started; %d ACKed leases, all in lease4%n",
                OUTAGE.toSeconds(), report.discoversSent(), report.acks(), acksAtStart - acksAtStop, resumedMillis,
                report.leases().size());
    }
}
