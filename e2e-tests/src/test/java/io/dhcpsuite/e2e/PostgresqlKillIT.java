package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL killed, not stopped: SIGKILL to the postmaster and every backend at once while
 * perfdhcp runs 100 DORA/s, as the kernel's OOM killer or a crashed container would, then started
 * again a few seconds later (crash recovery replays its WAL). With Kea's
 * {@code on-fail: stop-retry-exit} lease-service loses its connections, refuses lease operations,
 * reconnects by itself once the database is back, and every lease ACKed before the kill is a row
 * after recovery: an ACK leaves only after its commit returned, and a returned commit is in the WAL.
 *
 * <p>The local cluster is shared: it is started again in a finally block and the test waits for
 * it to accept connections; the suite's test lock keeps other end-to-end tests off it meanwhile.
 */
class PostgresqlKillIT {
    static final String DB = "dhcp_e2e_pgkill";
    static final Path PID_FILE = Path.of(System.getProperty("test.pg.pidfile",
            "/var/lib/postgresql/" + LocalPostgres.CLUSTER_VERSION + "/main/postmaster.pid"));
    static final Duration DOWN = Duration.ofSeconds(3);
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
    void everyAckedLeaseSurvivesSigkillOfPostgresqlAndServiceResumesByItself() throws Exception {
        int leaseServicePid = suite.pid("lease-service");
        CompletableFuture<Perfdhcp.Report> load = Perfdhcp.runAsync(100, 1_000_000, 30);
        LeaseChecks.awaitAcks(suite, 500, Duration.ofSeconds(20));
        List<Long> killed;
        long killedAt;
        long upAt;
        try {
            killed = killCluster();
            killedAt = System.nanoTime();
            Thread.sleep(DOWN.toMillis());
        } finally {
            startCluster();
        }
        upAt = System.nanoTime();
        long acksAtUp = suite.statistic("pkt4-ack-sent");
        while (suite.statistic("pkt4-ack-sent") <= acksAtUp && System.nanoTime() - upAt < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(100);
        }
        long resumedMillis = (System.nanoTime() - upAt) / 1_000_000;
        Perfdhcp.Report report = load.get();

        assertThat(killed).as("postmaster and backends killed").hasSizeGreaterThan(1);
        assertThat(resumedMillis).as("ms from PostgreSQL accepting connections to the next ACK").isLessThan(20_000);
        assertThat(suite.pid("lease-service")).as("recovered by itself, no restart").isEqualTo(leaseServicePid);
        assertThat(report.acks()).as(report.output()).isPositive().isLessThan(report.discoversSent());
        Set<String> missing = new HashSet<>(report.leases());
        missing.removeAll(LocalPostgres.leaseRows(DB));
        assertThat(missing).as("ACKed leases without a row after crash recovery").isEmpty();
        LeaseChecks.allLeased(suite, report.leases());
        String log = Files.readString(suite.log("lease-service"));
        assertThat(log).contains("DHCP4_DB_RECONNECT_LOST_CONNECTION", "DHCP4_DB_RECONNECT_SUCCEEDED");
        Perfdhcp.Report after = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(after.acks()).as(after.output()).isEqualTo(after.discoversSent()).isPositive();
        System.out.printf("FAULT postgresql SIGKILL (%d processes) under 100 DORA/s (stop-retry-exit): down %.1f s"
                        + " until it accepted connections again; %d DISCOVERs, %d ACKs; first ACK %d ms after"
                        + " PostgreSQL was up; %d ACKed leases, all rows of lease4 after crash recovery%n",
                killed.size(), (upAt - killedAt) / 1e9, report.discoversSent(), report.acks(), resumedMillis,
                report.leases().size());
    }

    /** SIGKILL to the postmaster and its children, by process id, all at once. */
    private static List<Long> killCluster() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(PID_FILE).get(0).trim());
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == postmaster) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-KILL"));
        pids.forEach(pid -> cmd.add(String.valueOf(pid)));
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(10));
        assertThat(r.exitCode()).as("kill: " + r.output()).isZero();
        return pids;
    }

    /** Starts the cluster (crash recovery) and waits until it accepts connections; retried, as it is shared. */
    private static void startCluster() throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 10; attempt++) {
            Suite.Result r = Suite.exec(new ProcessBuilder("pg_ctlcluster", LocalPostgres.CLUSTER_VERSION, "main",
                    "start").redirectErrorStream(true), Duration.ofSeconds(60));
            last = r.output();
            if (Suite.exec(new ProcessBuilder("pg_isready", "-h", "127.0.0.1", "-t", "10"), Duration.ofSeconds(15))
                    .exitCode() == 0) {
                LocalPostgres.awaitUp(Duration.ofSeconds(30));
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("PostgreSQL did not come back after the kill: " + last);
    }
}
