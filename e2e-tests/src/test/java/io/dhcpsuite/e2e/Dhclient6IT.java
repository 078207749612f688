package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ISC dhclient -6 gets an address and a delegated prefix over a real multicast link: a veth pair
 * between two network namespaces made here, the suite in one (Dhcp6 on the veth, so SOLICITs
 * arrive on ff02::1:2 and replies go to the client's link-local address), dhclient in the other.
 * Then it releases them.
 */
class Dhclient6IT {
    private static final String SRV_NS = "dhcpsuite-srv6";
    private static final String CLI_NS = "dhcpsuite-cli6";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        sh("ip netns exec " + SRV_NS + " env DHCPCTL_RUN_DIR=" + dir.resolve("run") + " "
                + Suite.ROOT.resolve("dhcpctl") + " stop");
        sh("pkill -f 'dhclient.*" + dir + "'");
        sh("ip netns del " + CLI_NS);
        sh("ip netns del " + SRV_NS);
    }

    @Test
    void dhclientGetsAnAddressAndAPrefixOverAMulticastLinkAndReleasesThem() throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Path.of("/usr/sbin/dhclient").toFile().canExecute(),
                "dhclient is missing: apt-get install isc-dhcp-client");
        sh("ip netns del " + CLI_NS);
        sh("ip netns del " + SRV_NS);
        for (String cmd : List.of(
                "ip netns add " + SRV_NS,
                "ip netns add " + CLI_NS,
                "ip link add dsrv6 netns " + SRV_NS + " type veth peer name dcli6 netns " + CLI_NS,
                "ip -n " + SRV_NS + " link set lo up",
                "ip -n " + SRV_NS + " addr add 2001:db8:60::1/64 dev dsrv6 nodad",
                "ip -n " + SRV_NS + " link set dsrv6 up",
                "ip -n " + CLI_NS + " link set lo up",
                "ip -n " + CLI_NS + " link set dcli6 up")) {
            Suite.Result r = sh(cmd);
            assertThat(r.exitCode()).as(cmd + ": " + r.output()).isZero();
        }
        Path config = dir.resolve("dhcp6.json");
        Files.writeString(config, """
                {
                  "Dhcp4": { "interfaces-config": { "interfaces": [ ] },
                             "lease-database": { "type": "memfile", "name": "%s" } },
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "dsrv6" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "preferred-lifetime": 300, "valid-lifetime": 600,
                    "option-data": [ { "name": "dns-servers", "data": "2001:db8:60::53" } ],
                    "subnet6": [ {
                      "id": 60, "subnet": "2001:db8:60::/64", "interface": "dsrv6",
                      "pools": [ { "pool": "2001:db8:60::100 - 2001:db8:60::1ff" } ],
                      "pd-pools": [ { "prefix": "2001:db8:6000::", "prefix-len": 40, "delegated-len": 56 } ]
                    } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), dir.resolve("leases6.csv")));
        Suite.Result start = sh("ip netns exec " + SRV_NS + " env DHCPCTL_RUN_DIR=" + dir.resolve("run") + " "
                + Suite.ROOT.resolve("dhcpctl") + " start --config " + config, Duration.ofMinutes(6));
        assertThat(start.exitCode()).as(start.output()).isZero();

        // /bin/true as the script: the namespace's configuration is not this test's subject
        String dhclient = "ip netns exec " + CLI_NS + " dhclient -6 -N -P -v -sf /bin/true -lf "
                + dir.resolve("dhclient6.leases") + " -pf " + dir.resolve("dhclient6.pid") + " ";
        Suite.Result bound = sh(dhclient + "-1 dcli6", Duration.ofSeconds(90));
        assertThat(bound.exitCode()).as(bound.output()).isZero();
        Matcher a = Pattern.compile("IAADDR (2001:db8:60::[0-9a-f]+)").matcher(bound.output());
        Matcher p = Pattern.compile("IAPREFIX (2001:db8:60[0-9a-f]{2}:[0-9a-f:]*/56)").matcher(bound.output());
        assertThat(a.find()).as(bound.output()).isTrue();
        assertThat(p.find()).as(bound.output()).isTrue();
        assertThat(bound.output()).contains("Bound to lease");
        String address = a.group(1);
        String prefix = p.group(1);

        // lease-service's memfile, in Kea's leases6 columns: address, duid, ..., lease_type (0 NA, 2 PD)
        List<String> csv = Files.readAllLines(dir.resolve("leases6.csv"));
        assertThat(csv).anyMatch(l -> l.startsWith(address + ",") && l.split(",")[6].equals("0"));
        assertThat(csv).anyMatch(l -> l.startsWith(prefix.replace("/56", "") + ",") && l.split(",")[6].equals("2"));
        // and through the control API, as an operator sees them
        JsonNode all = command("lease6-get-all", null);
        assertThat(all.path("result").asInt()).as(all.toString()).isZero();
        assertThat(all.toString()).contains("\"" + address + "\"").contains("\"" + prefix.replace("/56", "") + "\"");

        Suite.Result released = sh(dhclient + "-r dcli6", Duration.ofSeconds(30));
        assertThat(released.output()).as(released.output()).contains("Release");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long releases;
        do {
            JsonNode stat = command("statistic-get", "{\"name\": \"pkt6-release-received\"}");
            JsonNode samples = stat.path("arguments").path("pkt6-release-received");
            releases = samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
        } while (releases == 0 && System.nanoTime() < deadline);
        assertThat(releases).isPositive();
    }

    /** A Kea command for service dhcp6 through the gateway inside the server namespace (curl, as an operator would). */
    private JsonNode command(String command, String args) throws Exception {
        String body = "{\"command\": \"" + command + "\", \"service\": [\"dhcp6\"]"
                + (args == null ? "" : ", \"arguments\": " + args) + "}";
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", SRV_NS, "curl", "-sS", "-X", "POST",
                "-H", "Content-Type: application/json", "-d", body, "http://127.0.0.1:8000/")
                .redirectErrorStream(true), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return JSON.readTree(r.output()).get(0);
    }

    private static Suite.Result sh(String cmd) throws Exception {
        return sh(cmd, Duration.ofSeconds(60));
    }

    private static Suite.Result sh(String cmd, Duration timeout) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", cmd));
        return Suite.exec(new ProcessBuilder(argv).redirectErrorStream(true), timeout);
    }
}
