package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two whole suites as a hot-standby pair on one machine, as {@code ./dhcpctl pair start} builds it
 * from examples/ha-pair: each in its own network namespace (the usual ports in each), the HA link
 * a veth pair between them, perfdhcp as the relay in a third namespace. One scenario, in order,
 * because a pair takes a minute to start: the pair forms; the primary is killed with SIGKILL under
 * load and the standby takes over; the primary comes back, syncs and the pair returns to normal; a
 * partition of the HA link; maintenance start and cancel. Throughout, every address perfdhcp saw
 * ACKed ({@code -x l}) must end up on both servers, held by one client.
 */
class SuitePairIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The pool of examples/ha-pair: 198.18.64.0/18. */
    private static final Pattern NON_UNIQUE = Pattern.compile("(?i)non.?unique[^0-9\\n]*(\\d+)");

    private Path pairDir;

    @Test
    void hotStandbyPairFailsOverRejoinsSurvivesAPartitionAndMaintenanceWithoutLosingAnAckedLease(@TempDir Path dir)
            throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(ipNetnsWorks(), "'ip netns' is not available here: the pair needs network namespaces");
        assumeTrue(!namespaceExists("dhcpsuite-relay"),
                "a pair is already running (dhcpsuite-* namespaces): ./dhcpctl pair stop first");
        pairDir = dir.resolve("pair");
        Set<String> acked = new LinkedHashSet<>();
        try {
            Suite.Result start = dhcpctl(Duration.ofMinutes(8), "pair", "start");
            assertThat(start.exitCode()).as("dhcpctl pair start:\n" + start.output()).isZero();
            assertThat(start.output()).contains("pair in hot-standby", "ip netns exec dhcpsuite-s1 curl");
            assertThat(state(1)).isEqualTo("hot-standby");
            assertThat(state(2)).isEqualTo("hot-standby");
            keaAcceptsTheExampleConfigs();

            // --- the primary serves; kill -9 under load; the standby goes partner-down and serves
            Process load = perfdhcp(1, 20, 12, "0a:01:00:00:00:00");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> leaseCount(2) >= 20);
            long killedAt = System.nanoTime();
            killMember(1);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(state(2)).isEqualTo("partner-down"));
            long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("SuitePairIT: standby partner-down %d ms after kill -9 of the primary "
                    + "(max-response-delay 3000 ms)%n", failoverMs);
            Report underLoad = finish(load, 12);
            assertThat(underLoad.leases()).as("ACKs before the kill:\n" + underLoad.output()).isNotEmpty();
            assertThat(underLoad.nonUnique()).as(underLoad.output()).isZero();
            acked.addAll(underLoad.leases());
            // each ACK left only after the standby acknowledged its lease4-update
            assertThat(leases(2).keySet()).as("ACKed by the primary, on the standby").containsAll(underLoad.leases());

            Report takeover = finish(perfdhcp(2, 20, 4, "0a:02:00:00:00:00"), 4);
            assertThat(takeover.acks()).as("the standby in partner-down serves:\n" + takeover.output()).isPositive();
            assertThat(takeover.nonUnique()).isZero();
            assertThat(takeover.leases()).as("no address of the primary's ACKed leases again").doesNotContainAnyElementsOf(acked);
            acked.addAll(takeover.leases());

            // --- the primary comes back: it syncs from the standby and the pair returns to normal
            Suite.Result restart = dhcpctl(Duration.ofMinutes(6), "pair", "start", "server1");
            assertThat(restart.exitCode()).as("dhcpctl pair start server1:\n" + restart.output()).isZero();
            assertThat(leases(1).keySet()).as("the rejoined primary synced every ACKed lease").containsAll(acked);

            // --- partition: the HA link goes down; the primary takes over its partner's role at once
            ip("-n", "dhcpsuite-s1", "link", "set", "ha0", "down");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(state(1)).isEqualTo("partner-down"));
            // with max-unacked-clients 0 the standby also declares its partner down (both serve)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(state(2)).isEqualTo("partner-down"));
            Report partitioned = finish(perfdhcp(1, 20, 3, "0a:03:00:00:00:00"), 3);
            assertThat(partitioned.acks()).as("the primary serves in the partition:\n" + partitioned.output()).isPositive();
            assertThat(partitioned.leases()).doesNotContainAnyElementsOf(acked);
            acked.addAll(partitioned.leases());
            ip("-n", "dhcpsuite-s1", "link", "set", "ha0", "up");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(state(1)).isEqualTo("hot-standby");
                assertThat(state(2)).isEqualTo("hot-standby");
            });
            // The primary counted the updates it could not send in partner-down and reports the
            // count in its heartbeats; the standby, seeing it new, syncs before it serves again.
            assertThat(leases(2).keySet()).as("the standby synced the leases the primary ACKed alone")
                    .containsAll(partitioned.leases());

            // --- maintenance of the primary, started at the standby: the standby serves meanwhile
            assertThat(command(2, "ha-maintenance-start", null).path("result").asInt()).isZero();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(state(1)).isEqualTo("in-maintenance");
                assertThat(state(2)).isEqualTo("partner-in-maintenance");
            });
            Report maintenance = finish(perfdhcp(2, 20, 3, "0a:04:00:00:00:00"), 3);
            assertThat(maintenance.acks()).as("partner-in-maintenance serves:\n" + maintenance.output()).isPositive();
            assertThat(maintenance.leases()).doesNotContainAnyElementsOf(acked);
            acked.addAll(maintenance.leases());
            Report primaryInMaintenance = finish(perfdhcp(1, 20, 2, "0a:05:00:00:00:00"), 2);
            assertThat(primaryInMaintenance.acks()).as("in-maintenance serves nobody").isZero();
            assertThat(command(2, "ha-maintenance-cancel", null).path("result").asInt()).isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(state(1)).isEqualTo("hot-standby");
                assertThat(state(2)).isEqualTo("hot-standby");
            });

            // --- 0 ACKed leases lost, 0 duplicates: both servers hold every address, each for one client
            Map<String, String> one = leases(1);
            Map<String, String> two = leases(2);
            assertThat(one.keySet()).as("server1 holds every ACKed lease").containsAll(acked);
            assertThat(two.keySet()).as("server2 holds every ACKed lease").containsAll(acked);
            for (String address : acked) {
                assertThat(one.get(address)).as("one client holds " + address + " on both servers").isEqualTo(two.get(address));
            }
            System.out.printf("SuitePairIT: %d ACKed leases checked on both servers%n", acked.size());
        } finally {
            Suite.Result stop = dhcpctl(Duration.ofMinutes(3), "pair", "stop");
            assertThat(namespaceExists("dhcpsuite-relay")).as("pair stop removes the namespaces:\n" + stop.output()).isFalse();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Suite.Result dhcpctl(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Suite.ROOT.resolve("dhcpctl").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Suite.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("DHCPCTL_PAIR_DIR", pairDir.toString());
        return Suite.exec(pb, timeout);
    }

    private static Suite.Result ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(String.join(" ", cmd) + ": " + r.output()).isZero();
        return r;
    }

    private static boolean ipNetnsWorks() {
        try {
            return Suite.exec(new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true), Duration.ofSeconds(10))
                    .exitCode() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean namespaceExists(String name) throws Exception {
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true), Duration.ofSeconds(10));
        return r.output().lines().anyMatch(l -> l.split(" ")[0].equals(name));
    }

    /** kea-dhcp4 -t checks interfaces exist, so it runs in each server's namespace. */
    private static void keaAcceptsTheExampleConfigs() throws Exception {
        if (!Path.of("/usr/sbin/kea-dhcp4").toFile().canExecute()) {
            return;
        }
        for (int n = 1; n <= 2; n++) {
            Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s" + n, "kea-dhcp4", "-t",
                    Suite.ROOT.resolve("examples/ha-pair/server" + n + ".json").toString()).redirectErrorStream(true),
                    Duration.ofSeconds(30));
            assertThat(r.exitCode()).as("kea-dhcp4 -t server" + n + ".json:\n" + r.output()).isZero();
        }
    }

    /** A Kea command through server n's gateway, inside its namespace. */
    private static JsonNode command(int n, String command, String arguments) throws Exception {
        String body = "{\"command\": \"" + command + "\", \"service\": [\"dhcp4\"]"
                + (arguments == null ? "" : ", \"arguments\": " + arguments) + "}";
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s" + n, "curl", "-sS",
                "--max-time", "60", "-H", "Content-Type: application/json", "-d", body, "http://127.0.0.1:8000/"),
                Duration.ofSeconds(70));
        assertThat(r.exitCode()).as(command + " on server" + n + ": " + r.output()).isZero();
        return JSON.readTree(r.output()).get(0);
    }

    private static String state(int n) throws Exception {
        return command(n, "status-get", null).at("/arguments/high-availability/0/ha-servers/local/state").asString();
    }

    /** Server n's leases: address -> hardware address. */
    private static Map<String, String> leases(int n) throws Exception {
        JsonNode answer = command(n, "lease4-get-all", null);
        Map<String, String> out = new HashMap<>();
        for (JsonNode l : answer.path("arguments").path("leases")) {
            out.put(l.path("ip-address").asString(), l.path("hw-address").asString());
        }
        return out;
    }

    private static int leaseCount(int n) throws Exception {
        return leases(n).size();
    }

    private void killMember(int n) throws Exception {
        try (Stream<Path> pids = Files.list(pairDir.resolve("server" + n))) {
            for (Path p : pids.filter(f -> f.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(p).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        for (String svc : List.of("ha-service", "dhcp-service", "lease-service", "gateway", "ddns-service")) {
            long pid = Long.parseLong(Files.readString(pairDir.resolve("server" + n).resolve(svc + ".pid")).trim());
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    /** perfdhcp as the relay to server n (giaddr 198.18.n.1), clients from a MAC base of their own. */
    private static Process perfdhcp(int n, int rate, int seconds, String macBase) throws Exception {
        Path out = Files.createTempFile("pair-perfdhcp", ".out");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-relay", "perfdhcp", "-4",
                "-l", "198.18." + n + ".1", "-L", "67", "-r", String.valueOf(rate), "-R", "100000",
                "-p", String.valueOf(seconds), "-u", "-x", "l", "-W", "2000000", "-b", "mac=" + macBase,
                "198.18." + n + ".2").redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        OUTPUTS.put(p, out);
        return p;
    }

    private static final Map<Process, Path> OUTPUTS = new HashMap<>();

    record Report(long acks, long nonUnique, Set<String> leases, String output) {
    }

    private static Report finish(Process p, int seconds) throws Exception {
        if (!p.waitFor(seconds + 30L, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        Path file = OUTPUTS.remove(p);
        String out = Files.readString(file);
        Files.deleteIfExists(file);
        Set<String> leases = Perfdhcp.Report.ackedLeases(out);
        List<Long> received = new ArrayList<>();
        Matcher r = Pattern.compile("received packets: (\\d+)").matcher(out);
        while (r.find()) {
            received.add(Long.parseLong(r.group(1)));
        }
        long acks = received.size() >= 2 ? received.get(1) : 0;
        Matcher u = NON_UNIQUE.matcher(out);
        long nonUnique = u.find() ? Long.parseLong(u.group(1)) : 0;
        return new Report(acks, nonUnique, leases, out);
    }
}
