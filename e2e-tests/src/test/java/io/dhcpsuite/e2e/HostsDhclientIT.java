package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ISC dhclient gets the address of a hosts-database reservation that kea-shell added through the
 * gateway a moment before, over a real broadcast link.
 *
 * <p>Layout: as in {@link DhclientIT}, the suite runs in a network namespace of its own with a veth
 * to dhclient's namespace, because the server answers a client without an address by limited
 * broadcast (255.255.255.255), which leaves by the namespace's default route: in the root namespace
 * that would be the machine's own network, so the server namespace routes it into the veth instead.
 * The server needs PostgreSQL, the client does not: inside the server namespace, socat listens on
 * 127.0.0.1:5432 and passes each connection to the local PostgreSQL's Unix socket (a file, which
 * every network namespace sees), so the suite's {@code hosts-database} is the ordinary local
 * server, and this test reads the row back from the root namespace.
 */
class HostsDhclientIT {
    private static final String SRV_NS = "dhcpsuite-hsrv";
    private static final String CLI_NS = "dhcpsuite-hcli";
    private static final String RESERVED = "198.18.201.42";
    private static final Path PG_SOCKET = Path.of(System.getProperty("test.pg.socket",
            "/var/run/postgresql/.s.PGSQL.5432"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path dir;
    private Process socat;
    private String db;

    @AfterEach
    void cleanUp() throws Exception {
        sh("ip netns exec " + SRV_NS + " env DHCPCTL_RUN_DIR=" + dir.resolve("run") + " "
                + Suite.ROOT.resolve("dhcpctl") + " stop", Duration.ofMinutes(3));
        Path pid = dir.resolve("dhclient.pid");
        if (Files.exists(pid)) {
            sh("kill " + Files.readString(pid).trim());
        }
        if (socat != null) {
            socat.destroy();
            socat.waitFor();
        }
        if (db != null) {
            LocalPostgres.drop(db);
        }
        sh("ip netns del " + CLI_NS);
        sh("ip netns del " + SRV_NS);
    }

    @Test
    void dhclientGetsTheAddressOfADatabaseReservationAddedWithKeaShell() throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Path.of("/usr/sbin/dhclient").toFile().canExecute(),
                "dhclient is missing: apt-get install isc-dhcp-client");
        assumeTrue(Path.of("/usr/bin/socat").toFile().canExecute(), "socat is missing: apt-get install socat");
        assumeTrue(Files.exists(PG_SOCKET), "no local PostgreSQL socket at " + PG_SOCKET + " (-Dtest.pg.socket)");
        sh("ip netns del " + CLI_NS);
        sh("ip netns del " + SRV_NS);
        for (String cmd : List.of(
                "ip netns add " + SRV_NS,
                "ip netns add " + CLI_NS,
                "ip link add hsrv0 netns " + SRV_NS + " type veth peer name hcli0 netns " + CLI_NS,
                "ip -n " + SRV_NS + " link set lo up",
                "ip -n " + SRV_NS + " addr add 198.18.201.1/24 dev hsrv0",
                "ip -n " + SRV_NS + " link set hsrv0 up",
                "ip -n " + SRV_NS + " route add default dev hsrv0",
                "ip -n " + CLI_NS + " link set lo up",
                "ip -n " + CLI_NS + " link set hcli0 up")) {
            Suite.Result r = sh(cmd);
            assertThat(r.exitCode()).as(cmd + ": " + r.output()).isZero();
        }
        socat = new ProcessBuilder("ip", "netns", "exec", SRV_NS, "socat",
                "TCP-LISTEN:5432,bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + PG_SOCKET)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        awaitListening();

        db = "hosts_dhclient_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Path config = dir.resolve("dhcp4.json");
        Files.writeString(config, """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "hsrv0" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "hosts-database": { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "user": "postgres" },
                    "valid-lifetime": 600,
                    "subnet4": [ {
                      "id": 7, "subnet": "198.18.201.0/24", "interface": "hsrv0",
                      "pools": [ { "pool": "198.18.201.100 - 198.18.201.150" } ],
                      "option-data": [ { "name": "routers", "data": "198.18.201.1" } ]
                    } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), db));
        Suite.Result start = sh("ip netns exec " + SRV_NS + " env DHCPCTL_RUN_DIR=" + dir.resolve("run") + " "
                + Suite.ROOT.resolve("dhcpctl") + " start --config " + config, Duration.ofMinutes(6));
        assertThat(start.exitCode()).as(start.output()).isZero();

        String mac = sh("ip -n " + CLI_NS + " link show hcli0").output()
                .replaceAll("(?s).*link/ether ([0-9a-f:]{17}).*", "$1");
        // the reservation, outside the pool, from kea-shell through the gateway a moment before
        JsonNode added = keaShell("reservation-add", "\"reservation\": {\"subnet-id\": 7, \"hw-address\": \""
                + mac + "\", \"ip-address\": \"" + RESERVED + "\", \"hostname\": \"dhclient-db\"}");
        assertThat(added.path("result").asInt()).as(added.toString()).isZero();
        assertThat(added.path("text").asString()).isEqualTo("Host added.");
        assertThat(hostRows()).as("the reservation is a row of the hosts database").isEqualTo(1);

        Path script = dhclientScript();
        String dhclient = "ip netns exec " + CLI_NS + " dhclient -4 -v -sf " + script + " -lf "
                + dir.resolve("dhclient.leases") + " -pf " + dir.resolve("dhclient.pid") + " ";
        Suite.Result bound = sh(dhclient + "-1 hcli0", Duration.ofSeconds(60));
        assertThat(bound.exitCode()).as(bound.output()).isZero();
        assertThat(boundAddress(bound)).as(bound.output()).isEqualTo(RESERVED);
        assertThat(sh("ip -n " + CLI_NS + " -4 addr show hcli0").output()).contains(RESERVED + "/24");
        JsonNode lease = command("lease4-get", "{\"ip-address\": \"" + RESERVED + "\"}");
        assertThat(lease.path("result").asInt()).as(lease.toString()).isZero();
        assertThat(lease.path("arguments").path("hw-address").asString()).isEqualTo(mac);
        assertThat(lease.path("arguments").path("hostname").asString()).isEqualTo("dhclient-db");

        // released and the reservation deleted: the same client now gets an address of the pool
        Suite.Result released = sh(dhclient + "-r hcli0", Duration.ofSeconds(30));
        assertThat(released.output()).contains("DHCPRELEASE");
        JsonNode deleted = keaShell("reservation-del", "\"subnet-id\": 7, \"ip-address\": \"" + RESERVED + "\"");
        assertThat(deleted.path("text").asString()).as(deleted.toString()).isEqualTo("Host deleted.");
        assertThat(hostRows()).isZero();
        Files.deleteIfExists(dir.resolve("dhclient.leases"));
        Suite.Result again = sh(dhclient + "-1 hcli0", Duration.ofSeconds(60));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(boundAddress(again)).as(again.output()).startsWith("198.18.201.1").isNotEqualTo(RESERVED);
        System.out.printf("HOSTS dhclient %s got %s from a database reservation added by kea-shell; without it %s%n",
                mac, RESERVED, boundAddress(again));
    }

    private static String boundAddress(Suite.Result r) {
        Matcher m = Pattern.compile("bound to (198\\.18\\.201\\.\\d+)").matcher(r.output());
        return m.find() ? m.group(1) : null;
    }

    /** dhclient's own script would rewrite /etc/resolv.conf; this one only sets the address. */
    private Path dhclientScript() throws Exception {
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
        return script;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (sh("ip netns exec " + SRV_NS + " pg_isready -h 127.0.0.1 -p 5432").exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("socat does not forward PostgreSQL into " + SRV_NS + ": "
                + Files.readString(dir.resolve("socat.log")));
    }

    private long hostRows() throws Exception {
        try (Connection c = DriverManager.getConnection(LocalPostgres.url(db), "postgres", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM hosts4")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** kea-shell inside the server namespace, to the gateway, as an operator on that host would. */
    private JsonNode keaShell(String command, String arguments) throws Exception {
        Path stdin = dir.resolve("kea-shell.in");
        Files.writeString(stdin, arguments + "\n");
        Suite.Result r = Suite.exec(new ProcessBuilder("ip", "netns", "exec", SRV_NS, "kea-shell", "--host",
                "127.0.0.1", "--port", "8000", "--service", "dhcp4", command)
                .redirectErrorStream(true).redirectInput(stdin.toFile()), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as("kea-shell output:\n" + r.output()).isZero();
        return JSON.readTree(r.output().substring(r.output().indexOf('['))).get(0);
    }

    /** A Kea command through the gateway inside the server namespace (curl). */
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
        return Suite.exec(new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true), timeout);
    }
}
