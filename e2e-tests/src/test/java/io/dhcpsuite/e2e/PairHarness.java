package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.QueryFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tests of {@code ./dhcpctl pair} share: dhcpctl with the pair's run directory, commands
 * through a member's gateway inside its namespace, its HA state and leases, SIGKILL of a member,
 * and perfdhcp as the relay ({@code -x l}, so the ACKed addresses are known).
 */
final class PairHarness {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NON_UNIQUE = Pattern.compile("(?i)non.?unique[^0-9\\n]*(\\d+)");
    private static final List<String> SERVICES = List.of("ha-service", "dhcp-service", "lease-service", "gateway", "ddns-service");

    private final Path pairDir;
    private final Map<Process, Path> outputs = new HashMap<>();

    PairHarness(Path pairDir) {
        this.pairDir = pairDir;
    }

    Path dir() {
        return pairDir;
    }

    /** Skips unless root, perfdhcp and ip netns are there and no pair runs already. */
    static void assumePairPossible() throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Suite.exec(new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true), Duration.ofSeconds(10))
                .exitCode() == 0, "'ip netns' is not available here: the pair needs network namespaces");
        assumeTrue(!namespaceExists("dhcpsuite-relay"),
                "a pair is already running (dhcpsuite-* namespaces): ./dhcpctl pair stop first");
    }

    Suite.Result dhcpctl(Duration timeout, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Suite.ROOT.resolve("dhcpctl").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Suite.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("DHCPCTL_PAIR_DIR", pairDir.toString());
        pb.environment().putAll(env);
        return Suite.exec(pb, timeout);
    }

    Suite.Result dhcpctl(Duration timeout, String... args) throws Exception {
        return dhcpctl(timeout, Map.of(), args);
    }

    /** dhcpctl run as one member does it: in its namespace, with {@code member} as its run directory. */
    Suite.Result dhcpctlMember(Duration timeout, Path member, String... args) throws Exception {
        int n = member.getFileName().toString().endsWith("2") ? 2 : 1;
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", "dhcpsuite-s" + n, "env",
                "DHCPCTL_RUN_DIR=" + member, Suite.ROOT.resolve("dhcpctl").toString()));
        cmd.addAll(List.of(args));
        return Suite.exec(new ProcessBuilder(cmd).directory(member.toFile()).redirectErrorStream(true), timeout);
    }

    /** Stops the pair and checks its namespaces are gone. */
    void stop() throws Exception {
        Suite.Result stop = dhcpctl(Duration.ofMinutes(3), "pair", "stop");
        assertThat(namespaceExists("dhcpsuite-relay")).as("pair stop removes the namespaces:\n" + stop.output()).isFalse();
    }

    static Suite.Result ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(String.join(" ", cmd) + ": " + r.output()).isZero();
        return r;
    }

    static boolean namespaceExists(String name) throws Exception {
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true), Duration.ofSeconds(10));
        return r.output().lines().anyMatch(l -> l.split(" ")[0].equals(name));
    }

    /** kea-dhcp4 -t checks that the interfaces exist, so it runs in each server's namespace. */
    static void keaAccepts(String exampleDir) throws Exception {
        if (!Path.of("/usr/sbin/kea-dhcp4").toFile().canExecute()) {
            return;
        }
        for (int n = 1; n <= 2; n++) {
            Path file = Suite.ROOT.resolve(exampleDir + "/server" + n + ".json");
            Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s" + n, "kea-dhcp4", "-t",
                    file.toString()).redirectErrorStream(true), Duration.ofSeconds(30));
            assertThat(r.exitCode()).as("kea-dhcp4 -t " + file + ":\n" + r.output()).isZero();
        }
    }

    /** The load-balancing scopes of an example file's relationship, as dhcp-service computes them. */
    static QueryFilter queryFilter(String exampleFile) {
        Path file = Suite.ROOT.resolve(exampleFile);
        return new QueryFilter(HaConfigParser.fromHooks(KeaConfigLoader.load(file).dhcp4().hooksLibraries(),
                "Dhcp4/hooks-libraries").relationships().getFirst());
    }

    /** A lease's client keys, as lease4-get-all gives them. */
    record Client(String hwAddress, String clientId) {
    }

    /** The scope (0 server1, 1 server2) of a lease's client: its client identifier, else its hardware address. */
    static int scopeOf(QueryFilter filter, Client c) {
        byte[] id = c.clientId() == null || c.clientId().isEmpty() ? null : HexFormat.ofDelimiter(":").parseHex(c.clientId());
        return filter.scopeOfLease4(id, HexFormat.ofDelimiter(":").parseHex(c.hwAddress()));
    }

    /** Server n's leases: address -> the client's keys. */
    static Map<String, Client> clients(int n) throws Exception {
        Map<String, Client> out = new HashMap<>();
        for (JsonNode l : command(n, "lease4-get-all", null).path("arguments").path("leases")) {
            out.put(l.path("ip-address").asString(), new Client(l.path("hw-address").asString(),
                    l.hasNonNull("client-id") ? l.get("client-id").asString() : null));
        }
        return out;
    }

    /** A Kea command through server n's gateway, inside its namespace; the first answer. */
    static JsonNode command(int n, String command, String arguments) throws Exception {
        return command(n, "dhcp4", command, arguments);
    }

    /** The same for Kea service {@code service} ({@code dhcp6}: kea-dhcp6's commands and its HA). */
    static JsonNode command(int n, String service, String command, String arguments) throws Exception {
        String body = "{\"command\": \"" + command + "\", \"service\": [\"" + service + "\"]"
                + (arguments == null ? "" : ", \"arguments\": " + arguments) + "}";
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-s" + n, "curl", "-sS",
                "--max-time", "60", "-H", "Content-Type: application/json", "-d", body, "http://127.0.0.1:8000/"),
                Duration.ofSeconds(70));
        assertThat(r.exitCode()).as(command + " on server" + n + ": " + r.output()).isZero();
        return JSON.readTree(r.output()).get(0);
    }

    /** Server n's own HA state from status-get. */
    static String state(int n) throws Exception {
        return command(n, "status-get", null).at("/arguments/high-availability/0/ha-servers/local/state").asString();
    }

    /** Server n's own HA state of its DHCPv6 service (the Dhcp6 section's relationship). */
    static String state6(int n) throws Exception {
        return command(n, "dhcp6", "status-get", null).at("/arguments/high-availability/0/ha-servers/local/state").asString();
    }

    /** Server n's DHCPv6 leases: address -> DUID. */
    static Map<String, String> leases6(int n) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode l : command(n, "dhcp6", "lease6-get-all", null).path("arguments").path("leases")) {
            out.put(l.path("ip-address").asString(), l.path("duid").asString());
        }
        return out;
    }

    /**
     * perfdhcp -6 as clients on the link to server n (dsr n in the relay namespace, multicast to
     * ff02::1:2), {@code -x l} to list the addresses replied. perfdhcp writes the client's
     * generated MAC into the last six bytes of the DUID template, so the clients of different runs
     * differ only by {@code tag}, in the DUID-LLT time field before them.
     */
    Process perfdhcp6(int n, int rate, int seconds, int tag) throws Exception {
        String duidBase = String.format("000100010000%04x000000000000", tag);
        Path out = Files.createTempFile("pair-perfdhcp6", ".out");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-relay", "perfdhcp", "-6",
                "-l", "dsr" + n, "-r", String.valueOf(rate), "-R", "100000", "-p", String.valueOf(seconds),
                "-x", "l", "-W", "2000000", "-b", "duid=" + duidBase).redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        outputs.put(p, out);
        return p;
    }

    /** perfdhcp -6's output and the addresses of its REQUEST-REPLY leases. */
    record Report6(long solicits, long advertises, long replies, Set<String> replied, String output) {
    }

    Report6 finish6(Process p, int seconds) throws Exception {
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        Path file = outputs.remove(p);
        String out = Files.readString(file);
        Files.deleteIfExists(file);
        List<Long> sent = numbers(out, "sent packets: (\\d+)");
        List<Long> received = numbers(out, "received packets: (\\d+)");
        Set<String> replied = new java.util.LinkedHashSet<>();
        int at = out.indexOf("***Leases for REQUEST-REPLY***");
        if (at >= 0) {
            Matcher m = Pattern.compile("(2001:db8:[0-9a-f:]+)").matcher(out.substring(at));
            while (m.find()) {
                replied.add(m.group(1));
            }
        }
        return new Report6(sent.isEmpty() ? 0 : sent.getFirst(), received.isEmpty() ? 0 : received.getFirst(),
                received.size() >= 2 ? received.get(1) : 0, replied, out);
    }

    /** Server n's leases: address -> hardware address. */
    static Map<String, String> leases(int n) throws Exception {
        JsonNode answer = command(n, "lease4-get-all", null);
        Map<String, String> out = new HashMap<>();
        for (JsonNode l : answer.path("arguments").path("leases")) {
            out.put(l.path("ip-address").asString(), l.path("hw-address").asString());
        }
        return out;
    }

    /** The text of a member's service log (dhcpctl start truncates it, so it is this run's). */
    String log(int n, String service) throws Exception {
        return Files.readString(pairDir.resolve("server" + n).resolve("logs").resolve(service + ".log"));
    }

    /** SIGKILL to every service of member n; returns once all are gone. */
    void kill(int n) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String svc : SERVICES) {
            pids.add(Long.parseLong(Files.readString(pairDir.resolve("server" + n).resolve(svc + ".pid")).trim()));
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    /** perfdhcp as the relay to server n (giaddr 198.18.n.1), clients from a MAC base of their own. */
    Process perfdhcp(int n, int rate, int seconds, String macBase) throws Exception {
        Path out = Files.createTempFile("pair-perfdhcp", ".out");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", "dhcpsuite-relay", "perfdhcp", "-4",
                "-l", "198.18." + n + ".1", "-L", "67", "-r", String.valueOf(rate), "-R", "100000",
                "-p", String.valueOf(seconds), "-u", "-x", "l", "-W", "2000000", "-b", "mac=" + macBase,
                "198.18." + n + ".2").redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        outputs.put(p, out);
        return p;
    }

    Report run(int n, int rate, int seconds, String macBase) throws Exception {
        return finish(perfdhcp(n, rate, seconds, macBase), seconds);
    }

    /**
     * perfdhcp's counts and ACKed addresses.
     *
     * @param discovers DISCOVERs sent
     * @param offers OFFERs received
     * @param acks ACKs received
     */
    record Report(long discovers, long offers, long acks, long nonUnique, Set<String> leases, String output) {
    }

    /** A perfdhcp started elsewhere, writing to {@code out}. */
    Report finish(Process p, Path out, int seconds) throws Exception {
        outputs.put(p, out);
        return finish(p, seconds);
    }

    Report finish(Process p, int seconds) throws Exception {
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        Path file = outputs.remove(p);
        String out = Files.readString(file);
        Files.deleteIfExists(file);
        List<Long> sent = numbers(out, "sent packets: (\\d+)");
        List<Long> received = numbers(out, "received packets: (\\d+)");
        Matcher u = NON_UNIQUE.matcher(out);
        long nonUnique = u.find() ? Long.parseLong(u.group(1)) : 0;
        return new Report(sent.isEmpty() ? 0 : sent.getFirst(), received.isEmpty() ? 0 : received.getFirst(),
                received.size() >= 2 ? received.get(1) : 0, nonUnique, Perfdhcp.Report.ackedLeases(out), out);
    }

    private static List<Long> numbers(String out, String regex) {
        List<Long> values = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(out);
        while (m.find()) {
            values.add(Long.parseLong(m.group(1)));
        }
        return values;
    }

    /** Whether an address lies in [first, last] (dotted quads). */
    static boolean inRange(String address, String first, String last) {
        long a = Integer.toUnsignedLong(Ipv4.parse(address));
        return a >= Integer.toUnsignedLong(Ipv4.parse(first)) && a <= Integer.toUnsignedLong(Ipv4.parse(last));
    }
}
