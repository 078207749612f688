package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The suite as the primary of a passive-backup relationship with a real Kea 2.2 as its backup:
 * the suite is in {@code passive-backup} at once (no heartbeats), serves every client, and sends
 * each lease to the backup, which stays in {@code backup} and serves nobody. Without
 * {@code wait-backup-ack} the replies never wait for the backup (a dead backup costs nothing but a
 * counted failure); with it, a reply leaves only after the backup acknowledged its lease.
 */
class KeaPassiveBackupIT {
    static String relationship(String me, boolean waitBackupAck) {
        return """
                { "this-server-name": "%s", "mode": "passive-backup", "wait-backup-ack": %s,
                  "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                       "http-listener-threads": 1, "http-client-threads": 1 },
                  "peers": [ { "name": "suite", "url": "http://127.0.0.2:8001/", "role": "primary" },
                             { "name": "kea", "url": "http://127.0.0.3:8001/", "role": "backup" } ] }"""
                .formatted(me, waitBackupAck);
    }

    /** lease-service's counter of failed updates to the backup Kea, from /actuator/prometheus. */
    static double failedToBackup() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8082/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^ha_lease_updates_failed_total\\{[^}]*peer=\"kea\"[^}]*} (\\S+)$").matcher(body);
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    void awaitStates(Suite suite, KeaPeer kea) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(kea.alive()).as("Kea runs; log:\n" + kea.logText()).isTrue();
            assertThat(kea.haState()).as("Kea's state; log:\n" + kea.logText()).isEqualTo("backup");
            JsonNode ha = KeaHotStandbyPairIT.suiteHa(suite);
            assertThat(ha.at("/ha-servers/local/state").asString()).isEqualTo("passive-backup");
            assertThat(ha.at("/ha-servers/local/scopes/0").asString()).isEqualTo("suite");
            assertThat(ha.path("ha-servers").has("remote")).as("Kea omits remote in passive-backup").isFalse();
        });
    }

    @Test
    void suitePrimaryServesAndEveryLeaseReachesTheKeaBackupBestEffort(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path cfg = KeaHotStandbyPairIT.suiteConfig(dir.resolve("suite"), relationship("suite", false));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("kea", false), dir.resolve("kea"))) {
            awaitStates(suite, kea);
            try (RelayClient relay = new RelayClient("127.0.0.3")) {
                assertThat(relay.dora(KeaHotStandbyPairIT.clients(2, 0x400))).as("a backup serves nobody").isEmpty();
            }
            Map<Integer, String> acked;
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                acked = relay.dora(KeaHotStandbyPairIT.clients(5, 0x500));
            }
            assertThat(acked).as("the passive-backup primary serves").hasSize(5);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String address : acked.values()) {
                    JsonNode lease = kea.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
                    assertThat(lease.path("result").asInt()).as("lease " + address + " on the backup: " + lease).isZero();
                }
            });
            assertThat(failedToBackup()).isZero();

            // the backup dies: replies do not wait for it, its failures are counted
            kea.kill();
            Map<Integer, String> alone;
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                alone = relay.dora(KeaHotStandbyPairIT.clients(3, 0x600));
            }
            assertThat(alone).as("served without the backup").hasSize(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(failedToBackup()).isGreaterThanOrEqualTo(3));
            assertThat(KeaHotStandbyPairIT.suiteHa(suite).at("/ha-servers/local/state").asString()).isEqualTo("passive-backup");
        }
    }

    @Test
    void withWaitBackupAckTheReplyWaitsForTheBackup(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path cfg = KeaHotStandbyPairIT.suiteConfig(dir.resolve("suite"), relationship("suite", true));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("kea", true), dir.resolve("kea"))) {
            awaitStates(suite, kea);
            Map<Integer, String> acked;
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                acked = relay.dora(KeaHotStandbyPairIT.clients(4, 0x700));
            }
            assertThat(acked).hasSize(4);
            // acknowledged before the ACK left: no waiting here
            for (String address : acked.values()) {
                JsonNode lease = kea.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
                assertThat(lease.path("result").asInt()).as("lease " + address + " on the backup: " + lease).isZero();
            }
            kea.kill();
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                assertThat(relay.dora(KeaHotStandbyPairIT.clients(2, 0x800)))
                        .as("no ACK without the backup's acknowledgement").isEmpty();
            }
            assertThat(failedToBackup()).isPositive();
        }
    }
}
