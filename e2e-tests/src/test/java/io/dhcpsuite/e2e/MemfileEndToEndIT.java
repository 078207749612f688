package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite on the embedded default backend (memfile), started with dhcpctl and driven by
 * perfdhcp: thousands of DORAs without a drop, garbage survived, leases kept across a restart and
 * across a SIGKILL of lease-service under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemfileEndToEndIT {
    Path dir;
    Suite suite;
    Perfdhcp.Report firstRun;

    /** dhcpctl start's options besides the config. */
    String[] startOptions() {
        return new String[0];
    }

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Preconditions.rootAndPerfdhcp();
        suite = Suite.start(Configs.memfile(dir), dir, startOptions());
        Perfdhcp.warmUp();
    }

    @AfterAll
    void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void completesThousandsOfDorasWithoutDrops() throws Exception {
        long assignedBefore = suite.statistic("subnet[1].assigned-addresses");
        long acksBefore = suite.statistic("pkt4-ack-sent");
        firstRun = Perfdhcp.run(300, 1_000_000, 10);
        assertThat(firstRun.discoversSent()).as(firstRun.output()).isGreaterThan(2500);
        assertThat(firstRun.acks()).as(firstRun.output()).isEqualTo(firstRun.discoversSent());
        assertThat(firstRun.leases()).as("distinct leased addresses").hasSize((int) firstRun.acks());
        assertThat(suite.statistic("pkt4-ack-sent") - acksBefore).isGreaterThanOrEqualTo(firstRun.acks());
        assertThat(suite.statistic("subnet[1].assigned-addresses") - assignedBefore).isEqualTo(firstRun.acks());
    }

    @Test
    @Order(2)
    void keepsAnsweringAfterRandomGarbage() throws Exception {
        long parseFailedBefore = suite.statistic("pkt4-parse-failed");
        Random random = new Random(42);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress server = new InetSocketAddress(Perfdhcp.SERVER, 67);
            for (int i = 0; i < 500; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                if (junk.length > 240 && random.nextBoolean()) {
                    // A valid cookie gets the garbage past the header checks into option parsing.
                    junk[236] = 99; junk[237] = (byte) 130; junk[238] = 83; junk[239] = 99;
                }
                ch.send(ByteBuffer.wrap(junk), server);
            }
        }
        Perfdhcp.Report after = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(after.acks()).as(after.output()).isEqualTo(after.discoversSent()).isPositive();
        assertThat(suite.statistic("pkt4-parse-failed")).isGreaterThan(parseFailedBefore);
    }

    @Test
    @Order(3)
    void leasesSurviveRestartOfLeaseService() throws Exception {
        Suite.Result r = suite.dhcpctl(Duration.ofMinutes(3), "restart", "lease-service");
        assertThat(r.exitCode()).as(r.output()).isZero();
        LeaseChecks.allLeased(suite, firstRun.leases());
    }

    @Test
    @Order(4)
    void everyAckedLeaseSurvivesSigkillUnderLoad() throws Exception {
        int leaseServicePid = suite.pid("lease-service");
        CompletableFuture<Perfdhcp.Report> load = Perfdhcp.runAsync(1000, 1_000_000, 6);
        // Kill while perfdhcp is mid-run: poll until ACKs are flowing, then SIGKILL.
        LeaseChecks.awaitAcks(suite, 1000, Duration.ofSeconds(20));
        new ProcessBuilder("kill", "-KILL", String.valueOf(leaseServicePid)).start().waitFor();
        Perfdhcp.Report report = load.get();
        assertThat(report.acks()).as("ACKs before the kill").isPositive();
        assertThat(report.acks()).as("the kill must interrupt the run").isLessThan(report.discoversSent());
        Suite.Result r = suite.dhcpctl(Duration.ofMinutes(3), "restart", "lease-service");
        assertThat(r.exitCode()).as(r.output()).isZero();
        LeaseChecks.allLeased(suite, report.leases());
        assertThat(Files.size(dir.resolve("leases4.csv"))).isPositive();
    }
}
