package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ISC's own command client, kea-shell (package kea-ctrl-agent), against the gateway started by
 * dhcpctl, without authentication: list-commands and a lease4-add / lease4-get / lease4-del cycle,
 * and the same for a DHCPv6 prefix with {@code --service dhcp6}.
 * {@link KeaShellAuthIT} runs the same with basic authentication. The DHCP port is moved to 10067
 * so the test needs no root: only the control API is exercised.
 */
class KeaShellIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    // kea-shell wraps standard input in "arguments": { ... }, so it takes the members without braces.
    static final String LEASE = "\"ip-address\": \"198.18.0.77\", \"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\"";
    static final String ADDRESS = "\"ip-address\": \"198.18.0.77\"";

    @TempDir
    static Path dir;
    static boolean started;

    @BeforeAll
    static void start() throws Exception {
        started = startSuite(dir, "");
    }

    @AfterAll
    static void stop() throws Exception {
        stopSuite(dir, started);
    }

    @Test
    void listsTheCommandsOfDhcp4() throws Exception {
        JsonNode answer = kea("list-commands", "").get(0);

        assertThat(answer.get("result").asInt()).as(answer.toString()).isZero();
        assertThat(answer.get("arguments").valueStream().map(JsonNode::asString))
                .contains("lease4-add", "lease4-get", "lease4-del", "list-commands", "statistic-get");
    }

    @Test
    void addsGetsAndDeletesALease() throws Exception {
        leaseCycle();
    }

    @Test
    void addsGetsAndDeletesAV6PrefixWithServiceDhcp6() throws Exception {
        String prefix = "\"ip-address\": \"2001:db8:8:100::\", \"type\": \"IA_PD\"";
        JsonNode added = kea6("lease6-add", prefix + ", \"prefix-len\": 56, \"subnet-id\": 1, "
                + "\"duid\": \"00:03:00:01:1a:1b:1c:1d:1e:1f\", \"iaid\": 7");
        assertThat(added.get("result").asInt()).as(added.toString()).isZero();
        assertThat(added.get("text").asString()).isEqualTo("Lease for prefix 2001:db8:8:100::/56, subnet-id 1 added.");

        JsonNode found = kea6("lease6-get", prefix);
        assertThat(found.get("text").asString()).as(found.toString()).isEqualTo("IPv6 lease found.");
        assertThat(found.at("/arguments/prefix-len").asInt()).isEqualTo(56);
        assertThat(found.at("/arguments/iaid").asInt()).isEqualTo(7);

        JsonNode stats = kea6("statistic-get", "\"name\": \"subnet[1].assigned-pds\"");
        assertThat(stats.at("/arguments/subnet[1].assigned-pds/0/0").asInt()).as(stats.toString()).isEqualTo(1);

        JsonNode deleted = kea6("lease6-del", prefix);
        assertThat(deleted.get("text").asString()).as(deleted.toString()).isEqualTo("IPv6 lease deleted.");
        assertThat(kea6("lease6-get", prefix).get("result").asInt()).isEqualTo(3);
        // the v6 lease file took the changes, in Kea's columns
        assertThat(Files.readString(dir.resolve("leases6.csv")))
                .startsWith("address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,")
                .contains("2001:db8:8:100::,00:03:00:01:1a:1b:1c:1d:1e:1f,");
    }

    static JsonNode kea6(String command, String arguments) throws Exception {
        Suite.Result r = keaShellFor("dhcp6", command, arguments);
        assertThat(r.exitCode()).as("kea-shell output:\n" + r.output()).isZero();
        JsonNode list = JSON.readTree(r.output().substring(r.output().indexOf('[')));
        return list.get(0);
    }

    /** lease4-add, lease4-get, lease4-del, lease4-get again: Kea's results and texts. */
    static void leaseCycle(String... auth) throws Exception {
        JsonNode added = kea("lease4-add", LEASE, auth).get(0);
        assertThat(added.get("result").asInt()).as(added.toString()).isZero();
        assertThat(added.get("text").asString()).isEqualTo("Lease for address 198.18.0.77, subnet-id 1 added.");

        JsonNode duplicate = kea("lease4-add", LEASE, auth).get(0);
        assertThat(duplicate.get("result").asInt()).as(duplicate.toString()).isEqualTo(4);

        JsonNode found = kea("lease4-get", ADDRESS, auth).get(0);
        assertThat(found.get("result").asInt()).as(found.toString()).isZero();
        assertThat(found.at("/arguments/hw-address").asString()).isEqualTo("1a:1b:1c:1d:1e:1f");
        assertThat(found.at("/arguments/subnet-id").asInt()).isEqualTo(1);

        JsonNode deleted = kea("lease4-del", ADDRESS, auth).get(0);
        assertThat(deleted.get("result").asInt()).as(deleted.toString()).isZero();
        assertThat(deleted.get("text").asString()).isEqualTo("IPv4 lease deleted.");

        JsonNode gone = kea("lease4-get", ADDRESS, auth).get(0);
        assertThat(gone.get("result").asInt()).as(gone.toString()).isEqualTo(3);
    }

    /** Runs kea-shell with {@code arguments} (map members, no braces) on standard input; returns the answer list it printed. */
    static JsonNode kea(String command, String arguments, String... auth) throws Exception {
        Suite.Result r = keaShell(command, arguments, auth);
        assertThat(r.exitCode()).as("kea-shell output:\n" + r.output()).isZero();
        int start = r.output().indexOf('[');
        assertThat(start).as("kea-shell output:\n" + r.output()).isNotNegative();
        JsonNode list = JSON.readTree(r.output().substring(start));
        assertThat(list.isArray()).isTrue();
        return list;
    }

    static Suite.Result keaShell(String command, String arguments, String... auth) throws Exception {
        return keaShellFor("dhcp4", command, arguments, auth);
    }

    static Suite.Result keaShellFor(String service, String command, String arguments, String... auth) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kea-shell", "--host", "127.0.0.1", "--port", "8000",
                "--service", service));
        cmd.addAll(List.of(auth));
        cmd.add(command);
        Path stdin = Files.createTempFile("kea-shell", ".json");
        Files.writeString(stdin, arguments + "\n");
        try {
            return Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(stdin.toFile()),
                    Duration.ofSeconds(60));
        } finally {
            Files.deleteIfExists(stdin);
        }
    }

    /** dhcpctl start with a config whose Control-agent section is {@code agent} (JSON members, may be ""). */
    static boolean startSuite(Path dir, String agent) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/kea-shell")) || onPath("kea-shell"),
                "kea-shell is missing: apt-get install kea-ctrl-agent");
        Path config = dir.resolve("kea-shell.json");
        Files.writeString(config, """
                // kea-shell end-to-end test: the gateway answers as Kea's Control Agent on 127.0.0.1:8000.
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15",
                                   "pools": [ { "pool": "198.18.0.10 - 198.18.0.250" } ] } ]
                  },
                  "Dhcp6": {
                    "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                                   "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                                   "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ] } ]
                  },
                  "Control-agent": {
                    "http-host": "127.0.0.1", "http-port": 8000%s
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), dir.resolve("leases6.csv"), agent.isEmpty() ? "" : ", " + agent));
        List<String> cmd = List.of(Suite.ROOT.resolve("dhcpctl").toString(), "start", "--config", config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("DHCPCTL_RUN_DIR", dir.resolve("run").toString());
        pb.environment().put("DHCPCTL_DHCP_PORT", "10067");
        Suite.Result r = Suite.exec(pb, Duration.ofMinutes(6));
        assertThat(r.exitCode()).as("dhcpctl start output:\n" + r.output()).isZero();
        return true;
    }

    static void stopSuite(Path dir, boolean started) throws Exception {
        if (started) {
            Suite.run(dir, Duration.ofMinutes(3), "stop");
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
