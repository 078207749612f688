package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgresqlOutageIT's DHCPv6 twin, kept short: Dhcp6 alone with its leases in PostgreSQL and
 * Kea's {@code on-fail: stop-retry-exit}, perfdhcp -6 at 100 SOLICITs a second from new DUIDs, the
 * cluster stopped for 10 s. DHCPv6 service stops while the connection is lost (no REPLY), resumes
 * by itself in the same lease-service process, every REPLY has its row in {@code lease6}, and
 * lease-service logs Kea's {@code DHCP6_DB_RECONNECT_*} messages.
 */
class Postgresql6OutageIT {
    static final String DB = "dhcp_e2e_outage6";
    static final Duration OUTAGE = Duration.ofSeconds(10);
    @TempDir
    Path dir;

    @Test
    void stopRetryExitStopsDhcp6AndResumesByItselfWithEveryReplyCommitted() throws Exception {
        Preconditions.rootAndPerfdhcp();
        LocalPostgres.create(DB);
        Path config = dir.resolve("dhcp6-pg.json");
        Files.writeString(config, """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "port": 5432,
                                        "user": "postgres", "max-reconnect-tries": 60, "reconnect-wait-time": 1000,
                                        "on-fail": "stop-retry-exit" },
                    "data-directory": "%s",
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                                   "pools": [ { "pool": "2001:db8:1::/80" } ] } ]
                } }
                """.formatted(DB, dir));
        try (Suite suite = Suite.start(config, dir)) {
            int leaseServicePid = suite.pid("lease-service");
            Dhcp6EndToEndIT.perfdhcp6(50, 2, "-b", "duid=00010001000000000e000000000000"); // warm-up
            long repliesBefore = statistic6(suite, "pkt6-reply-sent");
            CompletableFuture<long[]> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return Dhcp6EndToEndIT.perfdhcp6(100, 24, "-b", "duid=00010001000000000d000000000000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(5000);
            long repliesAtStop;
            long repliesAtStart;
            LocalPostgres.pgCtl("stop");
            try {
                Thread.sleep(1000); // a commit in flight at the stop may still finish
                repliesAtStop = statistic6(suite, "pkt6-reply-sent");
                Thread.sleep(OUTAGE.toMillis() - 1000);
                repliesAtStart = statistic6(suite, "pkt6-reply-sent");
            } finally {
                LocalPostgres.pgCtl("start");
            }
            long startedAt = System.nanoTime();
            while (statistic6(suite, "pkt6-reply-sent") <= repliesAtStart
                    && System.nanoTime() - startedAt < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(100);
            }
            long resumedMillis = (System.nanoTime() - startedAt) / 1_000_000;
            long[] r = load.get();
            long replies = statistic6(suite, "pkt6-reply-sent") - repliesBefore;
            long rows = lease6Rows();
            String log = Files.readString(suite.log("lease-service"));
            System.out.printf("FAULT postgresql stopped %d s under DHCPv6 (stop-retry-exit): %d SOLICITs, %d REPLYs,"
                            + " %d sent while stopped; first REPLY %d ms after PostgreSQL started; %d rows in lease6%n",
                    OUTAGE.toSeconds(), r[0], r[3], repliesAtStart - repliesAtStop, resumedMillis, rows);
            assertThat(repliesAtStart - repliesAtStop).as("REPLYs while PostgreSQL was stopped").isZero();
            assertThat(resumedMillis).as("ms from PostgreSQL's start to the next REPLY").isLessThan(15_000);
            assertThat(suite.pid("lease-service")).as("the same lease-service process").isEqualTo(leaseServicePid);
            assertThat(r[3]).as("REPLYs\n" + Dhcp6EndToEndIT.last).isPositive().isLessThan(r[0]);
            // every REPLY to a REQUEST (one per DUID) committed its lease first; the warm-up's are rows too
            assertThat(rows).as("rows in lease6 against REPLYs sent").isGreaterThanOrEqualTo(replies);
            assertThat(log).contains("DHCP6_DB_RECONNECT_LOST_CONNECTION", "DHCP6_DB_RECONNECT_SUCCEEDED");
            long[] after = Dhcp6EndToEndIT.perfdhcp6(50, 2, "-b", "duid=00010001000000000c000000000000");
            assertThat(after[3]).as("REPLYs after the outage\n" + Dhcp6EndToEndIT.last).isEqualTo(after[0]).isPositive();
        } finally {
            LocalPostgres.drop(DB);
        }
    }

    private static long statistic6(Suite suite, String name) throws Exception {
        tools.jackson.databind.JsonNode a = suite.command("dhcp6", "statistic-get", "{\"name\": \"" + name + "\"}");
        tools.jackson.databind.JsonNode samples = a.path("arguments").path(name);
        return samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
    }

    private static long lease6Rows() throws Exception {
        try (Connection c = DriverManager.getConnection(LocalPostgres.url(DB), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM lease6")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
