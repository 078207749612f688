package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three whole suites in a hub and two spokes (Kea 2.5.5+ semantics): the hub has two hot-standby
 * relationships, "hub-a" with spoke A and "hub-b" with spoke B, and two subnets, each tied to one
 * relationship by {@code user-context.ha-server-name}. The hub runs one state machine per
 * relationship (status-get lists both), listens for each spoke on its own URL, sends the leases of
 * each subnet to that subnet's spoke only, and takes {@code server-name} to pick the relationship
 * of a command. Spoke B killed, only relationship B goes partner-down; the hub keeps serving both
 * subnets; spoke B restarted, it syncs its subnet's leases from the hub and both relationships are
 * back in hot-standby.
 *
 * <p>The configurations are examples/ha-hub. Built on {@code ./dhcpctl pair}'s namespaces: the hub
 * is server1 (dhcpsuite-s1), spoke A server2 (dhcpsuite-s2); the test adds dhcpsuite-s3 for spoke B (relay link 198.18.3.0/30, HA
 * link 198.18.255.4/30 to the hub), and a second relay address 198.18.11.1 towards the hub so that
 * perfdhcp can select the hub's second subnet.
 */
class SuiteHubAndSpokeIT {
    private PairHarness pair;
    private Path spokeB;

    @Test
    void theHubRunsOneStateMachinePerRelationshipAndSendsEachSubnetsLeasesToItsSpoke(@TempDir Path dir) throws Exception {
        PairHarness.assumePairPossible();
        pair = new PairHarness(dir.resolve("pair"));
        Path configs = dir.resolve("configs");
        Files.createDirectories(configs);
        Path examples = Suite.ROOT.resolve("examples/ha-hub");
        Files.copy(examples.resolve("hub.json"), configs.resolve("server1.json"));
        Files.copy(examples.resolve("spoke-a.json"), configs.resolve("server2.json"));
        Path spokeConfig = examples.resolve("spoke-b.json");
        spokeB = pair.dir().resolve("server3");
        Files.createDirectories(spokeB);
        Map<String, String> env = Map.of("DHCPCTL_PAIR_CONFIG_DIR", configs.toString());
        Set<String> ackedA = new LinkedHashSet<>();
        Set<String> ackedB = new LinkedHashSet<>();
        try {
            Suite.Result net = pair.dhcpctl(Duration.ofMinutes(1), "pair", "net", "up");
            assertThat(net.exitCode()).as(net.output()).isZero();
            spokeBNetwork();
            // the hub (server1) and spoke A (server2); pair start waits for the hub's first relationship
            Suite.Result start = pair.dhcpctl(Duration.ofMinutes(8), env, "pair", "start");
            assertThat(start.exitCode()).as("dhcpctl pair start (hub and spoke A):\n" + start.output()).isZero();
            Suite.Result third = startSpokeB(spokeConfig);
            assertThat(third.exitCode()).as("spoke B:\n" + third.output()).isZero();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(hubStates()).containsExactly(Map.entry("hub-a", "hot-standby"), Map.entry("hub-b", "hot-standby"));
                assertThat(PairHarness.state(2)).isEqualTo("hot-standby");
                assertThat(spokeBState()).isEqualTo("hot-standby");
            });
            keaAcceptsTheSpokes();
            String hubLog = pair.log(1, "ha-service");
            assertThat(hubLog).contains("HA_CONFIGURATION_RELATIONSHIPS 2 relationships")
                    .contains("HA_LISTENER_STARTED listening for the dhcp4 partner on http://198.18.255.1:8001/")
                    .contains("HA_LISTENER_STARTED listening for the dhcp4 partner on http://198.18.255.5:8001/");

            // --- commands pick their relationship by server-name
            JsonNode noName = PairHarness.command(1, "ha-heartbeat", null);
            assertThat(noName.path("result").asInt()).as(noName.toString()).isEqualTo(1);
            assertThat(noName.path("text").asString()).contains("server-name");
            JsonNode toB = PairHarness.command(1, "ha-heartbeat", "{\"server-name\": \"spoke-b\"}");
            assertThat(toB.path("result").asInt()).as(toB.toString()).isZero();
            assertThat(toB.at("/arguments/state").asString()).isEqualTo("hot-standby");
            JsonNode unknown = PairHarness.command(1, "ha-heartbeat", "{\"server-name\": \"spoke-c\"}");
            assertThat(unknown.path("result").asInt()).isEqualTo(1);

            // --- each subnet's leases go to its own spoke only
            PairHarness.Report a = pair.run(1, 20, 4, "0a:41:00:00:00:00");
            PairHarness.Report b = perfdhcpSubnetB(20, 4, "0a:42:00:00:00:00");
            assertThat(a.acks()).as("the hub serves subnet A:\n" + a.output()).isPositive();
            assertThat(b.acks()).as("the hub serves subnet B:\n" + b.output()).isPositive();
            assertThat(a.leases()).allMatch(l -> PairHarness.inRange(l, "198.18.64.10", "198.18.79.250"));
            assertThat(b.leases()).allMatch(l -> PairHarness.inRange(l, "198.18.80.10", "198.18.95.250"));
            ackedA.addAll(a.leases());
            ackedB.addAll(b.leases());
            Map<String, String> spokeALeases = PairHarness.leases(2);
            Map<String, String> spokeBLeases = spokeBLeases();
            assertThat(spokeALeases.keySet()).as("spoke A holds subnet A's ACKed leases").containsAll(ackedA);
            assertThat(spokeALeases.keySet()).as("spoke A gets none of subnet B's").doesNotContainAnyElementsOf(ackedB);
            assertThat(spokeBLeases.keySet()).as("spoke B holds subnet B's ACKed leases").containsAll(ackedB);
            assertThat(spokeBLeases.keySet()).as("spoke B gets none of subnet A's").doesNotContainAnyElementsOf(ackedA);
            // the spokes (standby) serve nobody
            PairHarness.Report standby = pair.run(2, 20, 2, "0a:43:00:00:00:00");
            assertThat(standby.offers()).as("spoke A in hot-standby answers nobody").isZero();

            // --- spoke B killed: relationship B goes partner-down, A stays; the hub serves both subnets
            killSpokeB();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(hubStates()).containsExactly(Map.entry("hub-a", "hot-standby"), Map.entry("hub-b", "partner-down")));
            PairHarness.Report a2 = pair.run(1, 20, 3, "0a:44:00:00:00:00");
            PairHarness.Report b2 = perfdhcpSubnetB(20, 3, "0a:45:00:00:00:00");
            assertThat(a2.acks()).as("subnet A while spoke B is down:\n" + a2.output()).isPositive();
            assertThat(b2.acks()).as("subnet B in partner-down:\n" + b2.output()).isPositive();
            assertThat(PairHarness.leases(2).keySet()).as("spoke A still gets subnet A's leases").containsAll(a2.leases());
            ackedA.addAll(a2.leases());
            ackedB.addAll(b2.leases());

            // --- spoke B back: it syncs subnet B's leases from the hub, both relationships in hot-standby
            Suite.Result again = startSpokeB(spokeConfig);
            assertThat(again.exitCode()).as("spoke B again:\n" + again.output()).isZero();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(hubStates()).containsExactly(Map.entry("hub-a", "hot-standby"), Map.entry("hub-b", "hot-standby"));
                assertThat(spokeBState()).isEqualTo("hot-standby");
            });
            assertThat(spokeBLeases().keySet()).as("spoke B synced every ACKed lease of subnet B").containsAll(ackedB);
            assertThat(PairHarness.leases(2).keySet()).as("spoke A holds every ACKed lease of subnet A").containsAll(ackedA);
            Map<String, String> hub = PairHarness.leases(1);
            assertThat(hub.keySet()).containsAll(ackedA).containsAll(ackedB);
            System.out.printf("SuiteHubAndSpokeIT: %d leases of subnet A on spoke A, %d of subnet B on spoke B%n",
                    ackedA.size(), ackedB.size());
        } finally {
            try {
                spokeBCommand("stop");
            } finally {
                if (PairHarness.namespaceExists("dhcpsuite-s3")) {
                    PairHarness.ip("netns", "del", "dhcpsuite-s3");
                }
                pair.stop();
            }
        }
    }

    /** The spokes' files are classic pairs' files: kea-dhcp4 2.2 checks them in their namespaces. */
    private static void keaAcceptsTheSpokes() throws Exception {
        if (!Path.of("/usr/sbin/kea-dhcp4").toFile().canExecute()) {
            return;
        }
        for (String[] s : new String[][] {{"dhcpsuite-s2", "spoke-a"}, {"dhcpsuite-s3", "spoke-b"}}) {
            Path file = Suite.ROOT.resolve("examples/ha-hub/" + s[1] + ".json");
            Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", s[0], "kea-dhcp4", "-t", file.toString())
                    .redirectErrorStream(true), Duration.ofSeconds(30));
            assertThat(r.exitCode()).as("kea-dhcp4 -t " + file + ":\n" + r.output()).isZero();
        }
    }

    /** dhcpsuite-s3 with its relay link and its HA link to the hub, and the hub's second relay address. */
    private static void spokeBNetwork() throws Exception {
        PairHarness.ip("netns", "add", "dhcpsuite-s3");
        PairHarness.ip("-n", "dhcpsuite-s3", "link", "set", "lo", "up");
        PairHarness.ip("link", "add", "dsr3", "netns", "dhcpsuite-relay", "type", "veth", "peer", "name", "c0", "netns", "dhcpsuite-s3");
        PairHarness.ip("-n", "dhcpsuite-relay", "addr", "add", "198.18.3.1/30", "dev", "dsr3");
        PairHarness.ip("-n", "dhcpsuite-s3", "addr", "add", "198.18.3.2/30", "dev", "c0");
        PairHarness.ip("-n", "dhcpsuite-relay", "link", "set", "dsr3", "up");
        PairHarness.ip("-n", "dhcpsuite-s3", "link", "set", "c0", "up");
        PairHarness.ip("link", "add", "ha1", "netns", "dhcpsuite-s1", "type", "veth", "peer", "name", "ha0", "netns", "dhcpsuite-s3");
        PairHarness.ip("-n", "dhcpsuite-s1", "addr", "add", "198.18.255.5/30", "dev", "ha1");
        PairHarness.ip("-n", "dhcpsuite-s3", "addr", "add", "198.18.255.6/30", "dev", "ha0");
        PairHarness.ip("-n", "dhcpsuite-s1", "link", "set", "ha1", "up");
        PairHarness.ip("-n", "dhcpsuite-s3", "link", "set", "ha0", "up");
        // a second relay address towards the hub selects its subnet B
        PairHarness.ip("-n", "dhcpsuite-relay", "addr", "add", "198.18.11.1/24", "dev", "dsr1");
        PairHarness.ip("-n", "dhcpsuite-s1", "route", "add", "198.18.11.0/24", "dev", "c0");
    }

    private Suite.Result startSpokeB(Path config) throws Exception {
        return spokeBCommand("start", "--config", config.toString());
    }

    private Suite.Result spokeBCommand(String... args) throws Exception {
        if (!PairHarness.namespaceExists("dhcpsuite-s3")) {
            return new Suite.Result(0, "");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", "dhcpsuite-s3", "env",
                "DHCPCTL_RUN_DIR=" + spokeB, "DHCPCTL_PAIR_MEMBER=1", Suite.ROOT.resolve("dhcpctl").toString()));
        cmd.addAll(List.of(args));
        return Suite.exec(new ProcessBuilder(cmd).directory(spokeB.toFile()).redirectErrorStream(true), Duration.ofMinutes(5));
    }

    private void killSpokeB() throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String svc : List.of("ha-service", "dhcp-service", "lease-service", "gateway", "ddns-service")) {
            pids.add(Long.parseLong(Files.readString(spokeB.resolve(svc + ".pid")).trim()));
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    /** The hub's state per relationship (this-server-name -> state), in status-get's order. */
    private static List<Map.Entry<String, String>> hubStates() throws Exception {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode r : PairHarness.command(1, "status-get", null).at("/arguments/high-availability")) {
            JsonNode local = r.at("/ha-servers/local");
            out.add(Map.entry(local.path("server-name").asString(), local.path("state").asString()));
        }
        return out;
    }

    private static JsonNode spokeBCommandJson(String command) throws Exception {
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s3", "curl", "-sS", "--max-time", "60",
                "-H", "Content-Type: application/json", "-d", "{\"command\": \"" + command + "\", \"service\": [\"dhcp4\"]}",
                "http://127.0.0.1:8000/"), Duration.ofSeconds(70));
        assertThat(r.exitCode()).as(command + " on spoke B: " + r.output()).isZero();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.output()).get(0);
    }

    private static String spokeBState() throws Exception {
        return spokeBCommandJson("status-get").at("/arguments/high-availability/0/ha-servers/local/state").asString();
    }

    private static Map<String, String> spokeBLeases() throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        for (JsonNode l : spokeBCommandJson("lease4-get-all").path("arguments").path("leases")) {
            out.put(l.path("ip-address").asString(), l.path("hw-address").asString());
        }
        return out;
    }

    /** perfdhcp towards the hub from the second relay address: giaddr 198.18.11.1 selects subnet B. */
    private PairHarness.Report perfdhcpSubnetB(int rate, int seconds, String macBase) throws Exception {
        Path out = Files.createTempFile("hub-perfdhcp", ".out");
        Process p = new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-relay", "perfdhcp", "-4",
                "-l", "198.18.11.1", "-L", "67", "-r", String.valueOf(rate), "-R", "100000",
                "-p", String.valueOf(seconds), "-u", "-x", "l", "-W", "2000000", "-b", "mac=" + macBase,
                "198.18.1.2").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return pair.finish(p, out, seconds);
    }
}
