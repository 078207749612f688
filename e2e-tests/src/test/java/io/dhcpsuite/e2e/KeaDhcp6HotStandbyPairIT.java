package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's DHCPv6 service and a real kea-dhcp6 2.2 (libdhcp_ha.so, libdhcp_lease_cmds.so) as a
 * hot-standby pair, on {@code ./dhcpctl pair net up}'s namespaces: the suite (primary) in
 * dhcpsuite-s1 with its HA listener at http://198.18.255.1:8002/, Kea (standby) in dhcpsuite-s2 at
 * http://198.18.255.2:8002/. Both reach hot-standby over Kea's wire; every address the suite
 * REPLYs is on Kea (the suite's lease6-bulk-apply, acknowledged before the reply); the suite
 * killed, Kea serves in partner-down; the suite restarted syncs Kea's leases (Kea answering its
 * lease6-get-page) and the pair returns to hot-standby.
 */
class KeaDhcp6HotStandbyPairIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path KEA6 = Path.of("/usr/sbin/kea-dhcp6");
    private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";

    static String config(String me, String leaseFile, String log, Path dataDir) {
        return """
                { "Dhcp6": {
                    "data-directory": "%5$s",
                    "interfaces-config": { "interfaces": [ "c0" ] },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%2$s", "lfc-interval": 0 },
                    "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:64::/64", "interface": "c0",
                                   "pools": [ { "pool": "2001:db8:64::1000 - 2001:db8:64::ffff" } ] } ],
                    "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 64 },
                    "hooks-libraries": [ { "library": "%4$s/libdhcp_lease_cmds.so" },
                      { "library": "%4$s/libdhcp_ha.so", "parameters": { "high-availability": [ {
                          "this-server-name": "%1$s", "mode": "hot-standby",
                          "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
                          "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                               "http-listener-threads": 1, "http-client-threads": 1 },
                          "peers": [ { "name": "suite", "url": "http://198.18.255.1:8002/", "role": "primary" },
                                     { "name": "kea", "url": "http://198.18.255.2:8002/", "role": "standby" } ] } ] } } ],
                    "loggers": [ { "name": "kea-dhcp6", "severity": "INFO", "output_options": [ { "output": "%3$s" } ] } ] } }
                """.formatted(me, leaseFile, log, HOOKS, dataDir);
    }

    /** A command to Kea's dedicated HA listener, from inside its namespace; the first answer. */
    static JsonNode kea(String command, String args) throws Exception {
        String body = "{\"command\": \"" + command + "\", \"service\": [\"dhcp6\"]"
                + (args == null ? "" : ", \"arguments\": " + args) + "}";
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s2", "curl", "-sS", "--max-time", "10",
                "-H", "Content-Type: application/json", "-d", body, "http://198.18.255.2:8002/").redirectErrorStream(true),
                Duration.ofSeconds(15));
        if (r.exitCode() != 0) {
            return JSON.createObjectNode();
        }
        JsonNode n = JSON.readTree(r.output());
        return n.isArray() ? n.get(0) : n;
    }

    static String keaState() throws Exception {
        return kea("status-get", null).at("/arguments/high-availability/0/ha-servers/local/state").asString("");
    }

    static Set<String> keaLeases() throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode l : kea("lease6-get-all", null).path("arguments").path("leases")) {
            out.add(l.path("ip-address").asString());
        }
        return out;
    }

    @Test
    void suitePrimaryAndKeaStandbyServeDhcp6ThroughFailoverAndSync(@TempDir Path dir) throws Exception {
        PairHarness.assumePairPossible();
        assumeTrue(Files.isExecutable(KEA6) && Files.exists(Path.of(HOOKS, "libdhcp_ha.so")), "kea-dhcp6 2.2 with libdhcp_ha.so");
        PairHarness pair = new PairHarness(dir.resolve("pair"));
        Path member = dir.resolve("pair").resolve("server1");
        Path keaDir = dir.resolve("kea");
        Files.createDirectories(member);
        Files.createDirectories(keaDir);
        Path suiteConfig = Files.writeString(dir.resolve("suite6.json"), config("suite", "kea-leases6.csv", "stdout", member));
        Path keaConfig = Files.writeString(keaDir.resolve("kea-dhcp6.json"),
                config("kea", keaDir.resolve("leases6.csv").toString(), keaDir.resolve("kea.log").toString(), keaDir));
        Process keaProcess = null;
        try {
            assertThat(pair.dhcpctl(Duration.ofMinutes(1), "pair", "net", "up").exitCode()).isZero();
            Suite.Result start = pair.dhcpctlMember(Duration.ofMinutes(6), member, "start", "--config", suiteConfig.toString());
            assertThat(start.exitCode()).as("suite start:\n" + start.output()).isZero();
            keaProcess = startKea(keaDir, keaConfig);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(PairHarness.state6(1)).isEqualTo("hot-standby");
                assertThat(keaState()).isEqualTo("hot-standby");
            });

            // the suite serves; each REPLY waited for Kea's acknowledgement of the lease6-bulk-apply
            PairHarness.Report6 served = pair.finish6(pair.perfdhcp6(1, 20, 5, 0xdd), 5);
            assertThat(served.replied()).as("the suite REPLYs:\n" + served.output()).isNotEmpty();
            assertThat(keaLeases()).as("every address the suite REPLYed is on Kea").containsAll(served.replied());

            // the suite is killed: Kea goes partner-down and serves
            pair.kill(1);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(keaState()).isEqualTo("partner-down"));
            PairHarness.Report6 byKea = pair.finish6(pair.perfdhcp6(2, 20, 4, 0xee), 4);
            assertThat(byKea.replies()).as("Kea serves in partner-down:\n" + byKea.output()).isPositive();
            assertThat(byKea.replied()).doesNotContainAnyElementsOf(served.replied());

            // the suite comes back and syncs from Kea (lease6-get-page from Kea's lease_cmds)
            Suite.Result restart = pair.dhcpctlMember(Duration.ofMinutes(6), member, "start", "--config", suiteConfig.toString());
            assertThat(restart.exitCode()).as("suite restart:\n" + restart.output()).isZero();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(PairHarness.state6(1)).isEqualTo("hot-standby");
                assertThat(keaState()).isEqualTo("hot-standby");
            });
            Map<String, String> suiteLeases = PairHarness.leases6(1);
            assertThat(suiteLeases.keySet()).as("the suite synced Kea's leases").containsAll(byKea.replied())
                    .containsAll(served.replied());
            System.out.printf("KeaDhcp6HotStandbyPairIT: %d addresses from the suite on Kea, %d from Kea synced back%n",
                    served.replied().size(), byKea.replied().size());
        } catch (AssertionError | RuntimeException e) {
            // the logs outlive the temporary directory, for the report
            Path keep = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "KeaDhcp6HotStandbyPairIT-logs"));
            for (Path f : new Path[] {member.resolve("logs/ha-service.log"), member.resolve("logs/lease-service.log"),
                    member.resolve("logs/dhcp-service.log"), keaDir.resolve("kea.log")}) {
                if (Files.exists(f)) {
                    Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.out.println("KeaDhcp6HotStandbyPairIT: logs kept in " + keep);
            throw e;
        } finally {
            pair.dhcpctlMember(Duration.ofMinutes(2), member, "stop");
            if (keaProcess != null) {
                keaProcess.destroy();
                if (!keaProcess.waitFor(10, TimeUnit.SECONDS)) {
                    keaProcess.destroyForcibly();
                }
            }
            pair.dhcpctl(Duration.ofMinutes(1), "pair", "net", "down");
            assertThat(PairHarness.namespaceExists("dhcpsuite-relay")).isFalse();
        }
    }

    private static Process startKea(Path dir, Path config) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s2", KEA6.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("kea.out").toFile());
        pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        return pb.start();
    }
}
