package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * A real DHCP client, ISC dhclient, gets a lease over a real broadcast link. The link is a veth
 * pair between two network namespaces made here: the suite runs in one (its own loopback for the
 * service ports, the veth as its only other interface, so its broadcasts cannot leave the pair),
 * dhclient in the other. This is the non-relayed path perfdhcp does not exercise: broadcast
 * DISCOVER received on a 0.0.0.0 socket, subnet chosen by interface, replies broadcast.
 */
class DhclientIT {
    private static final String SRV_NS = "dhcpsuite-srv";
    private static final String CLI_NS = "dhcpsuite-cli";
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
    void dhclientGetsAndReleasesALeaseOverABroadcastLink() throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Path.of("/usr/sbin/dhclient").toFile().canExecute(),
                "dhclient is missing: apt-get install isc-dhcp-client");
        sh("ip netns del " + CLI_NS);
        sh("ip netns del " + SRV_NS);
        for (String cmd : List.of(
                "ip netns add " + SRV_NS,
                "ip netns add " + CLI_NS,
                "ip link add dsrv0 netns " + SRV_NS + " type veth peer name dcli0 netns " + CLI_NS,
                "ip -n " + SRV_NS + " link set lo up",
                "ip -n " + SRV_NS + " addr add 198.18.200.1/24 dev dsrv0",
                "ip -n " + SRV_NS + " link set dsrv0 up",
                // Limited broadcast (255.255.255.255) needs a route; the pair is the only way out.
                "ip -n " + SRV_NS + " route add default dev dsrv0",
                "ip -n " + CLI_NS + " link set lo up",
                "ip -n " + CLI_NS + " link set dcli0 up")) {
            Suite.Result r = sh(cmd);
            assertThat(r.exitCode()).as(cmd + ": " + r.output()).isZero();
        }
        Path config = dir.resolve("dhcp4.json");
        Files.writeString(config, """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "dsrv0" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "valid-lifetime": 600,
                    "subnet4": [ {
                      "id": 7, "subnet": "198.18.200.0/24", "interface": "dsrv0",
                      "pools": [ { "pool": "198.18.200.100 - 198.18.200.150" } ],
                      "option-data": [ { "name": "routers", "data": "198.18.200.1" } ]
                    } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv")));
        Suite.Result start = sh("ip netns exec " + SRV_NS + " env DHCPCTL_RUN_DIR=" + dir.resolve("run") + " "
                + Suite.ROOT.resolve("dhcpctl") + " start --config " + config, Duration.ofMinutes(6));
        assertThat(start.exitCode()).as(start.output()).isZero();

        // dhclient's own script would rewrite /etc/resolv.conf; this one only sets the address.
        Path script = dir.resolve("dhclient-script");
        Files.writeString(script, """
                #!/bin/sh
                case "$reason" in
                  BOUND|RENEW|REBIND|REBOOT) ip addr replace "$new_ip_address/24" dev "$interface" ;;
                  RELEASE|EXPIRE|STOP) [ -n "$old_ip_address" ] && ip addr del "$old_ip_address/24" dev "$interface" ;;
                esac
                exit 0
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String dhclient = "ip netns exec " + CLI_NS + " dhclient -4 -v -sf " + script + " -lf "
                + dir.resolve("dhclient.leases") + " -pf " + dir.resolve("dhclient.pid") + " ";
        Suite.Result bound = sh(dhclient + "-1 dcli0", Duration.ofSeconds(60));
        assertThat(bound.exitCode()).as(bound.output()).isZero();
        Matcher m = Pattern.compile("bound to (198\\.18\\.200\\.\\d+)").matcher(bound.output());
        assertThat(m.find()).as(bound.output()).isTrue();
        String address = m.group(1);
        assertThat(sh("ip -n " + CLI_NS + " -4 addr show dcli0").output()).contains(address + "/24");

        String mac = sh("ip -n " + CLI_NS + " link show dcli0").output()
                .replaceAll("(?s).*link/ether ([0-9a-f:]{17}).*", "$1");
        JsonNode lease = command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
        assertThat(lease.path("result").asInt()).as(lease.toString()).isZero();
        assertThat(lease.path("arguments").path("hw-address").asString()).isEqualTo(mac);
        assertThat(lease.path("arguments").path("subnet-id").asInt()).isEqualTo(7);

        Suite.Result released = sh(dhclient + "-r dcli0", Duration.ofSeconds(30));
        assertThat(released.output()).contains("DHCPRELEASE");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode after;
        do {
            after = command("lease4-get", "{\"ip-address\": \"" + address + "\"}");
        } while (after.path("result").asInt() == 0 && after.path("arguments").path("state").asInt() == 0
                && System.nanoTime() < deadline);
        assertThat(after.path("result").asInt() != 0 || after.path("arguments").path("state").asInt() != 0)
                .as("lease after RELEASE: " + after).isTrue();
    }

    /** A Kea command through the gateway inside the server namespace (curl, as an operator would). */
    private JsonNode command(String command, String args) throws Exception {
        String body = "{\"command\": \"" + command + "\", \"service\": [\"dhcp4\"], \"arguments\": " + args + "}";
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
