package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The suite and a real Kea 2.2 (libdhcp_ha.so, libdhcp_lease_cmds.so) form a hot-standby pair on
 * loopback, in both roles: the suite on 127.0.0.2 with its HA listener at http://127.0.0.2:8001/,
 * Kea on 127.0.0.3 with http://127.0.0.3:8001/. Both must reach hot-standby by heartbeats and
 * syncs over Kea's own wire, and the primary must then serve.
 */
class KeaHotStandbyPairIT {
    static String relationship(String me, String suiteRole, String keaRole) {
        return """
                { "this-server-name": "%s", "mode": "hot-standby",
                  "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
                  "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                       "http-listener-threads": 1, "http-client-threads": 1 },
                  "peers": [ { "name": "suite", "url": "http://127.0.0.2:8001/", "role": "%s" },
                             { "name": "kea", "url": "http://127.0.0.3:8001/", "role": "%s" } ] }"""
                .formatted(me, suiteRole, keaRole);
    }

    static Path suiteConfig(Path dir, String relationship) throws Exception {
        Files.createDirectories(dir);
        String config = """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 3600 },
                    "valid-lifetime": 3600,
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.1" ] },
                                   "pools": [ { "pool": "192.0.2.10 - 192.0.2.250" } ] } ],
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                      { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so",
                        "parameters": { "high-availability": [ %s ] } } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ] } }
                """.formatted(dir.resolve("leases4.csv"), relationship);
        return Files.writeString(dir.resolve("dhcp4.json"), config);
    }

    static JsonNode suiteHa(Suite suite) throws Exception {
        return suite.command("status-get", null).path("arguments").path("high-availability").path(0);
    }

    static List<RelayClient.Client> clients(int n, int base) {
        List<RelayClient.Client> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RelayClient.Client(RelayClient.mac(base + i), null, null));
        }
        return out;
    }

    void awaitHotStandby(Suite suite, KeaPeer kea) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(kea.alive()).as("Kea runs; log:\n" + kea.logText()).isTrue();
            assertThat(kea.haState()).as("Kea's state; log:\n" + kea.logText()).isEqualTo("hot-standby");
            assertThat(suiteHa(suite).at("/ha-servers/local/state").asString()).as("the suite's state")
                    .isEqualTo("hot-standby");
        });
    }

    @Test
    void suitePrimaryAndKeaStandbyFormAPairAndTheSuiteServes(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path cfg = suiteConfig(dir.resolve("suite"), relationship("suite", "primary", "standby"));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("kea", "primary", "standby"), dir.resolve("kea"))) {
            awaitHotStandby(suite, kea);
            // each side learns the other's latest state at its next heartbeat (1 s)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode ha = suiteHa(suite);
                assertThat(ha.get("ha-mode").asString()).isEqualTo("hot-standby");
                assertThat(ha.at("/ha-servers/local/scopes/0").asString()).isEqualTo("suite");
                assertThat(ha.at("/ha-servers/remote/server-name").asString()).isEqualTo("kea");
                assertThat(ha.at("/ha-servers/remote/last-state").asString()).isEqualTo("hot-standby");
                assertThat(ha.at("/ha-servers/remote/in-touch").asBoolean()).isTrue();
                JsonNode keaView = kea.command("status-get", null).at("/arguments/high-availability/0/ha-servers/remote");
                assertThat(keaView.path("last-state").asString()).isEqualTo("hot-standby");
                assertThat(keaView.path("last-scopes").get(0).asString()).isEqualTo("suite");
            });
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                Map<Integer, String> acked = relay.dora(clients(5, 0x100));
                assertThat(acked).as("the primary serves").hasSize(5);
                // each ACK left only after Kea acknowledged the suite's lease4-update
                for (String address : acked.values()) {
                    JsonNode lease = kea.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
                    assertThat(lease.path("result").asInt()).as("lease " + address + " on Kea: " + lease).isZero();
                    assertThat(lease.at("/arguments/hw-address").asString()).startsWith("0e:dd:");
                }
            }
        }
    }

    @Test
    void keaPrimaryAndSuiteStandbyFormAPairAndTheSuiteHoldsKeasLeases(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(KeaPeer.available(), "kea-dhcp4 with libdhcp_ha.so is missing: apt-get install kea-dhcp4-server");
        KeaPeer.ensureLoopbackAddress("127.0.0.2");
        Path cfg = suiteConfig(dir.resolve("suite"), relationship("suite", "standby", "primary"));
        try (Suite suite = Suite.start(cfg, dir.resolve("suite"));
                KeaPeer kea = KeaPeer.start("127.0.0.3", relationship("kea", "standby", "primary"), dir.resolve("kea"))) {
            awaitHotStandby(suite, kea);
            assertThat(suiteHa(suite).at("/ha-servers/local/scopes")).as("a standby serves no scope").isEmpty();
            Map<Integer, String> acked;
            try (RelayClient relay = new RelayClient("127.0.0.3")) {
                acked = relay.dora(clients(5, 0x200));
            }
            assertThat(acked).as("Kea, the primary, serves").hasSize(5);
            // Kea sends each lease to the suite's HA listener as lease4-update before it ACKs
            for (String address : acked.values()) {
                JsonNode lease = suite.command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
                assertThat(lease.path("result").asInt()).as("lease " + address + " on the suite: " + lease).isZero();
            }
            // a lease lost on the standby comes back with ha-sync from the partner
            String lost = acked.values().iterator().next();
            assertThat(suite.command("lease4-del", "{\"ip-address\": \"" + lost + "\"}").path("result").asInt()).isZero();
            JsonNode sync = suite.command("ha-sync", "{\"server-name\": \"kea\"}");
            assertThat(sync.path("result").asInt()).as(sync.toString()).isZero();
            assertThat(suite.command("lease4-get", "{\"ip-address\": \"" + lost + "\"}").path("result").asInt()).isZero();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(kea.haState()).as("Kea is back in hot-standby after the sync").isEqualTo("hot-standby"));
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                assertThat(relay.dora(clients(2, 0x300))).as("the standby drops queries of the primary's scope").isEmpty();
            }

            // the primary crashes: with max-unacked-clients 0 the standby takes over once
            // max-response-delay (3 s) passes without an answer, and serves every client
            kea.kill();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(suiteHa(suite).at("/ha-servers/local/state").asString()).isEqualTo("partner-down"));
            assertThat(suiteHa(suite).at("/ha-servers/local/scopes/0").asString()).isEqualTo("kea");
            try (RelayClient relay = new RelayClient("127.0.0.2")) {
                Map<Integer, String> served = relay.dora(clients(3, 0x400));
                assertThat(served).as("the standby in partner-down serves").hasSize(3);
                assertThat(served.values()).as("no address of the primary's leases again").doesNotContainAnyElementsOf(acked.values());
            }
        }
    }
}
