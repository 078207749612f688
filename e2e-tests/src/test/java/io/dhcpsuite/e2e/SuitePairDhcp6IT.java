package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two whole suites as a hot-standby pair for DHCPv6 (and DHCPv4 beside it), as
 * {@code DHCPCTL_PAIR_CONFIG_DIR=examples/ha-pair/dhcp6 ./dhcpctl pair start} builds it: the Dhcp6
 * section's own {@code libdhcp_ha.so} relationship with its own listener (port 8002 on the HA
 * link). perfdhcp -6 plays the clients on the primary's link. The primary serves, every address it
 * REPLYs is on the standby (the reply left only after the standby acknowledged its
 * {@code lease6-bulk-apply}); the primary is killed with SIGKILL under load and the standby goes
 * partner-down and serves; the primary comes back and syncs every lease with {@code lease6-get-page}.
 */
class SuitePairDhcp6IT {

    @Test
    void hotStandbyDhcp6PairKeepsEveryRepliedLeaseOnTheStandbyFailsOverAndResyncs(@TempDir Path dir) throws Exception {
        PairHarness.assumePairPossible();
        PairHarness pair = new PairHarness(dir.resolve("pair"));
        Map<String, String> env = Map.of("DHCPCTL_PAIR_CONFIG_DIR", Suite.ROOT.resolve("examples/ha-pair/dhcp6").toString());
        try {
            Suite.Result start = pair.dhcpctl(Duration.ofMinutes(8), env, "pair", "start");
            assertThat(start.exitCode()).as("dhcpctl pair start:\n" + start.output()).isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(PairHarness.state6(1)).isEqualTo("hot-standby");
                assertThat(PairHarness.state6(2)).isEqualTo("hot-standby");
            });
            // DHCPv4's relationship runs beside it, untouched
            assertThat(PairHarness.state(1)).isEqualTo("hot-standby");
            assertThat(PairHarness.command(2, "dhcp6", "status-get", null)
                    .at("/arguments/high-availability/0/ha-servers/remote/server-name").asString()).isEqualTo("server1");

            // the standby drops queries of the primary's scope
            PairHarness.Report6 toStandby = pair.finish6(pair.perfdhcp6(2, 10, 2, 0xcc), 2);
            assertThat(toStandby.advertises()).as("the standby answers nobody:\n" + toStandby.output()).isZero();

            // --- the primary serves; kill -9 under load; the standby goes partner-down and serves
            Process load = pair.perfdhcp6(1, 20, 12, 0xaa);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> PairHarness.leases6(2).size() >= 20);
            long killedAt = System.nanoTime();
            pair.kill(1);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(PairHarness.state6(2)).isEqualTo("partner-down"));
            System.out.printf("SuitePairDhcp6IT: standby partner-down %d ms after kill -9 of the primary%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            PairHarness.Report6 underLoad = pair.finish6(load, 12);
            assertThat(underLoad.replied()).as("REPLYs before the kill:\n" + underLoad.output()).hasSizeGreaterThanOrEqualTo(20);
            Map<String, String> standby = PairHarness.leases6(2);
            assertThat(standby.keySet()).as("every address the primary REPLYed is on the standby")
                    .containsAll(underLoad.replied());

            PairHarness.Report6 takeover = pair.finish6(pair.perfdhcp6(2, 20, 4, 0xbb), 4);
            assertThat(takeover.replies()).as("the standby in partner-down serves:\n" + takeover.output()).isPositive();
            assertThat(takeover.replied()).as("none of the primary's addresses again")
                    .doesNotContainAnyElementsOf(underLoad.replied());

            // --- the primary comes back: it syncs the standby's leases (lease6-get-page) before serving
            Suite.Result restart = pair.dhcpctl(Duration.ofMinutes(6), env, "pair", "start", "server1");
            assertThat(restart.exitCode()).as("dhcpctl pair start server1:\n" + restart.output()).isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(PairHarness.state6(1)).isEqualTo("hot-standby");
                assertThat(PairHarness.state6(2)).isEqualTo("hot-standby");
            });
            Map<String, String> primary = PairHarness.leases6(1);
            assertThat(primary.keySet()).as("the rejoined primary synced the standby's leases")
                    .containsAll(takeover.replied()).containsAll(underLoad.replied());
            for (String a : takeover.replied()) {
                assertThat(primary.get(a)).as("one client holds " + a + " on both").isEqualTo(PairHarness.leases6(2).get(a));
            }
            assertThat(pair.log(1, "ha-service")).contains("HA_SYNC_SUCCESSFUL");
            System.out.printf("SuitePairDhcp6IT: %d + %d replied DHCPv6 leases checked on both servers%n",
                    underLoad.replied().size(), takeover.replied().size());
        } finally {
            pair.stop();
        }
    }
}
