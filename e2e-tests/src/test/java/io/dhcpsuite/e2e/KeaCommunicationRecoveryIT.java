package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A load-balancing pair of the suite (server1, 127.0.0.2) and a real Kea 2.2 (server2, 127.0.0.3)
 * with {@code delayed-updates-limit}: Kea stops answering (SIGSTOP) without enough unacked clients
 * to declare it down, so the suite goes to {@code communication-recovery}, answers its own clients
 * without waiting for Kea and keeps their leases in its backlog; when Kea answers again the suite
 * sends the backlog and both return to {@code load-balancing}, with every lease on Kea.
 */
class KeaCommunicationRecoveryIT {
    static String relationship(String me, int delayedUpdatesLimit) {
        return """
                { "this-server-name": "%s", "mode": "load-balancing", "delayed-updates-limit": %d,
                  "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 10,
                  "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                       "http-listener-threads": 1, "http-client-threads": 1 },
                  "peers": [ { "name": "server1", "url": "http://127.0.0.2:8001/", "role": "primary" },
                             { "name": "server2", "url": "http://127.0.0.3:8001/", "role": "secondary" } ] }"""
                .formatted(me, delayedUpdatesLimit);
    }

    static String state(Suite suite) throws Exception {
        return KeaHotStandbyPairIT.suiteHa(suite).at("/ha-servers/local/state").asString();
    }

    @Test
    void theBacklogOfCommunicationRecoveryReachesKeaWhenItAnswersAgain(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path cfg = KeaHotStandbyPairIT.suiteConfig(dir.resolve("suite"), relationship("server1", 100));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("server2", 100), dir.resolve("kea"))) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(kea.haState()).as("Kea's state; log:\n" + kea.logText()).isEqualTo("load-balancing");
                assertThat(state(suite)).isEqualTo("load-balancing");
            });
            kea.running(false);
            try {
                await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(state(suite)).isEqualTo("communication-recovery"));
                Map<Integer, String> acked;
                try (RelayClient relay = new RelayClient("127.0.0.2")) {
                    acked = relay.dora(KeaHotStandbyPairIT.clients(16, 0x900));
                }
                assertThat(acked).as("the suite answers its scope without waiting for Kea").isNotEmpty();
                assertThat(state(suite)).isEqualTo("communication-recovery");
                kea.running(true);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(state(suite)).isEqualTo("load-balancing");
                    assertThat(kea.haState()).isEqualTo("load-balancing");
                });
                for (String address : acked.values()) {
                    JsonNode lease = kea.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
                    assertThat(lease.path("result").asInt()).as("lease " + address + " on Kea: " + lease).isZero();
                }
                assertThat(Files.readString(suite.log("ha-service"))).contains("HA_LEASES_BACKLOG_SUCCESS");
            } finally {
                kea.running(true);
            }
        }
    }
}
