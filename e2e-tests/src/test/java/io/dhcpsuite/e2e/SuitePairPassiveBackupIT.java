package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two whole suites in passive-backup, as {@code ./dhcpctl pair start --mode passive-backup} builds
 * it from examples/ha-pair/passive-backup: server1 (the primary) serves every client and sends each
 * lease to server2 (the backup), which answers nobody. With {@code wait-backup-ack: true} an ACK
 * leaves only once the backup holds the lease, so with the HA link cut the primary ACKs nothing;
 * restarted with {@code wait-backup-ack: false} it ACKs on through a cut link, and the backup misses
 * exactly those leases. The primary killed, the backup still serves nobody (as Kea: no failover in
 * passive-backup) until {@code ./dhcpctl pair promote} restarts it as the primary, which then serves
 * from the leases it holds, handing out none of those addresses again.
 */
class SuitePairPassiveBackupIT {

    @Test
    void theBackupHoldsEveryAckedLeaseServesNobodyAndServesOnceThePrimaryIsGoneAndItIsPromoted(@TempDir Path dir)
            throws Exception {
        PairHarness.assumePairPossible();
        PairHarness pair = new PairHarness(dir.resolve("pair"));
        Set<String> onBackup = new LinkedHashSet<>();
        try {
            Suite.Result start = pair.dhcpctl(Duration.ofMinutes(8), "pair", "start", "--mode", "passive-backup");
            assertThat(start.exitCode()).as("dhcpctl pair start --mode passive-backup:\n" + start.output()).isZero();
            assertThat(start.output()).contains("pair in passive-backup");
            assertThat(PairHarness.state(1)).isEqualTo("passive-backup");
            assertThat(PairHarness.state(2)).isEqualTo("backup");
            PairHarness.keaAccepts("examples/ha-pair/passive-backup");
            keaAcceptsThePromotedConfig();

            // --- wait-backup-ack true: the primary serves, every ACKed lease is on the backup
            PairHarness.Report served = pair.run(1, 20, 5, "0a:31:00:00:00:00");
            assertThat(served.acks()).as("the primary serves:\n" + served.output()).isPositive();
            assertThat(served.nonUnique()).isZero();
            assertThat(served.offers()).as("passive-backup answers every client:\n" + served.output())
                    .isGreaterThanOrEqualTo(served.discovers() * 9 / 10);
            assertHeldByBoth(served.leases());
            onBackup.addAll(served.leases());

            PairHarness.Report backupAsked = pair.run(2, 20, 3, "0a:32:00:00:00:00");
            assertThat(backupAsked.offers()).as("the backup answers nobody:\n" + backupAsked.output()).isZero();

            // the HA link cut: no ACK leaves without the backup's acknowledgement; DISCOVERs still get OFFERs
            PairHarness.ip("-n", "dhcpsuite-s1", "link", "set", "ha0", "down");
            PairHarness.Report cutWaiting = pair.run(1, 20, 4, "0a:33:00:00:00:00");
            PairHarness.ip("-n", "dhcpsuite-s1", "link", "set", "ha0", "up");
            assertThat(cutWaiting.offers()).as("OFFERs wait for nobody:\n" + cutWaiting.output()).isPositive();
            assertThat(cutWaiting.acks()).as("wait-backup-ack: no ACK without the backup:\n" + cutWaiting.output()).isZero();
            PairHarness.Report linkBack = pair.run(1, 20, 3, "0a:34:00:00:00:00");
            assertThat(linkBack.acks()).as("ACKs again once the backup answers:\n" + linkBack.output()).isPositive();
            assertHeldByBoth(linkBack.leases());
            onBackup.addAll(linkBack.leases());

            // --- wait-backup-ack false (Kea's default): updates to the backup are best effort
            Path configs = dir.resolve("configs");
            Files.createDirectories(configs);
            for (String s : new String[] {"server1", "server2", "server2-primary"}) {
                String text = Files.readString(Suite.ROOT.resolve("examples/ha-pair/passive-backup/" + s + ".json"));
                if (s.equals("server1")) {
                    assertThat(text).contains("\"wait-backup-ack\": true");
                    text = text.replace("\"wait-backup-ack\": true", "\"wait-backup-ack\": false");
                }
                Files.writeString(configs.resolve(s + ".json"), text);
            }
            Map<String, String> env = Map.of("DHCPCTL_PAIR_CONFIG_DIR", configs.toString());
            Suite.Result stop1 = pair.dhcpctl(Duration.ofMinutes(3), env, "pair", "stop", "server1");
            assertThat(stop1.exitCode()).as(stop1.output()).isZero();
            Suite.Result restart = pair.dhcpctl(Duration.ofMinutes(6), env, "pair", "start", "server1");
            assertThat(restart.exitCode()).as("server1 with wait-backup-ack false:\n" + restart.output()).isZero();

            PairHarness.ip("-n", "dhcpsuite-s1", "link", "set", "ha0", "down");
            PairHarness.Report cutBestEffort = pair.run(1, 20, 4, "0a:35:00:00:00:00");
            PairHarness.ip("-n", "dhcpsuite-s1", "link", "set", "ha0", "up");
            assertThat(cutBestEffort.acks()).as("best effort: the primary ACKs without the backup:\n"
                    + cutBestEffort.output()).isPositive();
            assertThat(cutBestEffort.leases()).doesNotContainAnyElementsOf(onBackup);
            assertThat(PairHarness.leases(1).keySet()).containsAll(cutBestEffort.leases());
            assertThat(PairHarness.leases(2).keySet()).as("the backup missed the leases of the cut")
                    .doesNotContainAnyElementsOf(cutBestEffort.leases());
            PairHarness.Report bestEffort = pair.run(1, 20, 3, "0a:36:00:00:00:00");
            assertThat(bestEffort.acks()).as(bestEffort.output()).isPositive();
            assertThat(bestEffort.leases()).doesNotContainAnyElementsOf(onBackup);
            assertHeldByBoth(bestEffort.leases());
            onBackup.addAll(bestEffort.leases());

            // --- the primary killed: the backup still serves nobody
            pair.kill(1);
            Thread.sleep(4000);
            assertThat(PairHarness.state(2)).as("no failover in passive-backup").isEqualTo("backup");
            PairHarness.Report orphaned = pair.run(2, 20, 3, "0a:37:00:00:00:00");
            assertThat(orphaned.offers()).as("the backup serves nobody without its primary:\n" + orphaned.output()).isZero();

            // --- the operator promotes the backup: it serves from the leases it holds
            Suite.Result promote = pair.dhcpctl(Duration.ofMinutes(6), env, "pair", "promote");
            assertThat(promote.exitCode()).as("dhcpctl pair promote:\n" + promote.output()).isZero();
            assertThat(promote.output()).contains("server2 is the primary");
            assertThat(PairHarness.state(2)).isEqualTo("passive-backup");
            assertThat(PairHarness.leases(2).keySet()).as("the promoted backup kept every lease it took").containsAll(onBackup);
            PairHarness.Report promoted = pair.run(2, 20, 4, "0a:38:00:00:00:00");
            assertThat(promoted.acks()).as("the promoted backup serves:\n" + promoted.output()).isPositive();
            assertThat(promoted.nonUnique()).isZero();
            assertThat(promoted.leases()).as("none of the addresses the backup knew as leased")
                    .doesNotContainAnyElementsOf(onBackup);
            System.out.printf("SuitePairPassiveBackupIT: %d ACKed leases on the backup, %d ACKed while the link was cut "
                    + "with wait-backup-ack false (not on the backup), %d ACKs by the promoted backup%n",
                    onBackup.size(), cutBestEffort.leases().size(), promoted.acks());
        } finally {
            pair.stop();
        }
    }

    /** Each address on both servers, for the same client. */
    private static void assertHeldByBoth(Set<String> addresses) throws Exception {
        Map<String, String> one = PairHarness.leases(1);
        Map<String, String> two = PairHarness.leases(2);
        assertThat(two.keySet()).as("the backup holds every ACKed lease").containsAll(addresses);
        for (String address : addresses) {
            assertThat(two.get(address)).as("one client holds " + address).isEqualTo(one.get(address));
        }
    }

    private static void keaAcceptsThePromotedConfig() throws Exception {
        if (!Path.of("/usr/sbin/kea-dhcp4").toFile().canExecute()) {
            return;
        }
        Path file = Suite.ROOT.resolve("examples/ha-pair/passive-backup/server2-primary.json");
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s2", "kea-dhcp4", "-t",
                file.toString()).redirectErrorStream(true), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("kea-dhcp4 -t " + file + ":\n" + r.output()).isZero();
    }
}
