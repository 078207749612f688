package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pair of suites (as {@code ./dhcpctl pair start} builds it from examples/ha-pair) whose lease
 * synchronisation is cut short and resumed: server2 starts with {@value #LEASES} leases in its
 * lease file, server1 with none, so server1 pulls them all on start-up (pages of 100). Midway,
 * every service of server1 is killed with SIGKILL; started again, server1 resumes at the cursor
 * its lease-service saved with the last page it applied, fetches only what it did not have, and
 * ends holding every lease of server2, each for its client.
 */
class SuitePairSyncResumeIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LEASES = 16_000;
    private static final Pattern SYNCED = Pattern.compile("HA_SYNC_SUCCESSFUL .*?: (\\d+) leases");

    private Path pairDir;
    private Path configDir;

    @Test
    void aSyncKilledMidwayResumesAtItsCursorAndEndsWithEveryLease(@TempDir Path dir) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Suite.exec(new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true), Duration.ofSeconds(10))
                .exitCode() == 0, "'ip netns' is not available here: the pair needs network namespaces");
        assumeTrue(!namespaceExists("dhcpsuite-relay"),
                "a pair is already running (dhcpsuite-* namespaces): ./dhcpctl pair stop first");
        pairDir = dir.resolve("pair");
        configDir = dir.resolve("configs");
        Files.createDirectories(configDir);
        for (String s : List.of("server1", "server2")) {
            String text = Files.readString(Suite.ROOT.resolve("examples/ha-pair/" + s + ".json"));
            assertThat(text).contains("\"sync-page-limit\": 1000");
            Files.writeString(configDir.resolve(s + ".json"), text.replace("\"sync-page-limit\": 1000", "\"sync-page-limit\": 100"));
        }
        Map<String, String> expected = writeLeaseFile(pairDir.resolve("server2/kea-leases4.csv"));
        Path server1Leases = pairDir.resolve("server1/kea-leases4.csv");
        Process start = null;
        try {
            start = dhcpctlInBackground("pair", "start");
            // kill server1 once it has written part of the leases, well before the end
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(20))
                    .until(() -> rows(server1Leases) >= 1500);
            killMember(1);
            long kept = rows(server1Leases);
            assertThat(kept).as("server1 was killed midway through its sync").isLessThan(LEASES);
            stop(start);
            String cursor = Files.readString(pairDir.resolve("server1/kea-leases4.csv.ha-sync"));
            assertThat(cursor).as("the cursor of an unfinished sync").contains("\"server2\"", "\"floor\"");

            Suite.Result again = dhcpctl(Duration.ofMinutes(6), "pair", "start", "server1");
            assertThat(again.exitCode()).as("dhcpctl pair start server1:\n" + again.output()).isZero();
            String log = Files.readString(pairDir.resolve("server1/logs/ha-service.log"));
            assertThat(log).contains("HA_SYNC_RESUME continuing the synchronization with server2");
            Matcher m = SYNCED.matcher(log);
            assertThat(m.find()).as("a successful sync in server1's log").isTrue();
            long fetched = Long.parseLong(m.group(1));
            System.out.printf("SuitePairSyncResumeIT: %d of %d leases on server1 at the kill, %d fetched by the resumed sync%n",
                    kept, LEASES, fetched);
            assertThat(fetched).as("the resumed sync fetches what server1 lacked, not everything")
                    .isLessThan(LEASES - kept + 1000);

            Map<String, String> one = leases(1);
            assertThat(one).as("server1 holds every lease of server2").containsAllEntriesOf(expected);
        } finally {
            stop(start);
            dhcpctl(Duration.ofMinutes(3), "pair", "stop");
        }
    }

    /** {@value #LEASES} leases of examples/ha-pair's pool in Kea 2.2's CSV columns; returns address -> MAC. */
    private static Map<String, String> writeLeaseFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> out = new HashMap<>();
        StringBuilder sb = new StringBuilder("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,"
                + "hostname,state,user_context\n");
        int first = (198 << 24) | (18 << 16) | (64 << 8) | 10;
        for (int i = 0; i < LEASES; i++) {
            int a = first + i;
            String ip = (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
            String mac = String.format("0e:00:00:%02x:%02x:%02x", (i >>> 16) & 255, (i >>> 8) & 255, i & 255);
            long cltt = now - 600 - (i * 37L) % 3000;
            sb.append(ip).append(',').append(mac).append(",,86400,").append(cltt + 86400).append(",1,0,0,,0,\n");
            out.put(ip, mac);
        }
        Files.writeString(file, sb);
        return out;
    }

    private static long rows(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private Process dhcpctlInBackground(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Suite.ROOT.resolve("dhcpctl").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Suite.ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(pairDir.getParent().resolve("pair-start.log").toFile());
        env(pb);
        return pb.start();
    }

    private Suite.Result dhcpctl(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Suite.ROOT.resolve("dhcpctl").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Suite.ROOT.toFile()).redirectErrorStream(true);
        env(pb);
        return Suite.exec(pb, timeout);
    }

    private void env(ProcessBuilder pb) {
        pb.environment().put("DHCPCTL_PAIR_DIR", pairDir.toString());
        pb.environment().put("DHCPCTL_PAIR_CONFIG_DIR", configDir.toString());
        pb.environment().put("DHCPCTL_PAIR_TIMEOUT", "300");
    }

    /** The first `pair start` waits for hot-standby, which cannot come while server1 is dead: stop it. */
    private static void stop(Process p) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        // only dhcpctl's own shells: a member whose start is still waiting for health has its
        // services among the descendants, and they must keep running (server2 serves the resume)
        p.descendants().filter(h -> !h.info().command().orElse("").endsWith("/java")).forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor();
    }

    private static boolean namespaceExists(String name) throws Exception {
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true), Duration.ofSeconds(10));
        return r.output().lines().anyMatch(l -> l.split(" ")[0].equals(name));
    }

    private void killMember(int n) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String svc : List.of("ha-service", "dhcp-service", "lease-service", "gateway", "ddns-service")) {
            Path f = pairDir.resolve("server" + n).resolve(svc + ".pid");
            if (Files.exists(f)) {
                pids.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    /** Server n's leases through its gateway, inside its namespace: address -> hardware address. */
    private static Map<String, String> leases(int n) throws Exception {
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s" + n, "curl", "-sS",
                "--max-time", "60", "-H", "Content-Type: application/json", "-d",
                "{\"command\": \"lease4-get-all\", \"service\": [\"dhcp4\"]}", "http://127.0.0.1:8000/"),
                Duration.ofSeconds(70));
        assertThat(r.exitCode()).as("lease4-get-all on server" + n + ": " + r.output()).isZero();
        Map<String, String> out = new HashMap<>();
        for (JsonNode l : JSON.readTree(r.output()).get(0).path("arguments").path("leases")) {
            out.put(l.path("ip-address").asString(), l.path("hw-address").asString());
        }
        return out;
    }
}
