package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * perfdhcp -6 on lo (as in {@link Dhcp6EndToEndIT}) gets the address and the prefix of a DHCPv6
 * hosts-database reservation that kea-shell added through the gateway ({@code --service dhcp6}) a
 * moment before, with no reload: the reservation is a row of hosts6 and ipv6_reservations, and
 * lease-service holds the client's leases on the reserved address and prefix, both outside the
 * pools. The hosts database is this test's own and dropped afterwards.
 */
class Hosts6PerfdhcpIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** perfdhcp's DUID with -R 1 is the -b template itself. */
    private static final String DUID_HEX = "000100010000000006000000000001";
    private static final String DUID = DUID_HEX.replaceAll("(..)(?!$)", "$1:");
    private static final String RESERVED = "2001:db8:1:0:1::42";
    private static final String PREFIX = "2001:db8:200::";
    @TempDir
    Path dir;
    private Suite suite;
    private String db;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (suite != null) {
                suite.close();
            }
        } finally {
            if (db != null) {
                LocalPostgres.drop(db);
            }
        }
    }

    @Test
    void perfdhcp6GetsTheAddressAndPrefixOfADatabaseReservationAddedWithKeaShell() throws Exception {
        Preconditions.rootAndPerfdhcp();
        db = "hosts6_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        LocalPostgres.create(db);
        Path config = dir.resolve("dhcp46.json");
        Files.writeString(config, """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15",
                                   "pools": [ { "pool": "198.18.0.10 - 198.18.0.250" } ] } ]
                  },
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "hosts-database": { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "user": "postgres" },
                    "data-directory": "%s",
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                                   "pools": [ { "pool": "2001:db8:1::/80" } ],
                                   "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 40, "delegated-len": 56 } ] } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), dir.resolve("leases6.csv"), db, dir));
        suite = Suite.start(config, dir);

        JsonNode added = keaShell("reservation-add", "\"reservation\": {\"subnet-id\": 1, \"duid\": \"" + DUID
                + "\", \"ip-addresses\": [\"" + RESERVED + "\"], \"prefixes\": [\"" + PREFIX + "/56\"], "
                + "\"hostname\": \"perfdhcp-db\"}");
        assertThat(added.path("result").asInt()).as(added.toString()).isZero();
        assertThat(added.path("text").asString()).isEqualTo("Host added.");
        assertThat(count("SELECT count(*) FROM hosts6")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ipv6_reservations")).isEqualTo(2);

        // one client (-R 1: the -b DUID itself), a SOLICIT a second for 3 s
        Suite.Result r = Suite.exec(new ProcessBuilder(List.of("perfdhcp", "-6", "-l", "lo", "-r", "1", "-R", "1",
                "-p", "3", "-W", "2000000", "-e", "address-and-prefix", "-b", "duid=" + DUID_HEX, "::1"))
                .redirectErrorStream(true), Duration.ofSeconds(60));
        java.util.regex.Matcher received = java.util.regex.Pattern.compile("received packets: (\\d+)").matcher(r.output());
        List<Long> counts = new java.util.ArrayList<>();
        while (received.find()) {
            counts.add(Long.parseLong(received.group(1)));
        }
        assertThat(counts).as("ADVERTISEs and REPLYs\n" + r.output()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(counts.get(1)).as("REPLYs\n" + r.output()).isPositive();

        JsonNode leases = suite.command("dhcp6", "lease6-get-by-duid", "{\"duid\": \"" + DUID + "\"}");
        assertThat(leases.path("result").asInt()).as(leases.toString()).isZero();
        List<String> got = new java.util.ArrayList<>();
        for (JsonNode l : leases.path("arguments").path("leases")) {
            got.add(l.path("ip-address").asString() + "/" + (l.has("prefix-len") ? l.get("prefix-len").asInt() : 128));
        }
        assertThat(got).as(leases.toString()).containsExactlyInAnyOrder(RESERVED + "/128", PREFIX + "/56");
        System.out.printf("HOSTS6 perfdhcp -6 DUID %s got %s from a database reservation added by kea-shell%n",
                DUID, got);

        JsonNode found = keaShell("reservation-get-by-id", "\"identifier-type\": \"duid\", \"identifier\": \"" + DUID + "\"");
        assertThat(found.path("text").asString()).isEqualTo("1 IPv6 host(s) found.");
        JsonNode deleted = keaShell("reservation-del", "\"subnet-id\": 1, \"ip-address\": \"" + RESERVED + "\"");
        assertThat(deleted.path("text").asString()).as(deleted.toString()).isEqualTo("Host deleted.");
        assertThat(count("SELECT count(*) FROM ipv6_reservations")).isZero();
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(LocalPostgres.url(db), "postgres", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** kea-shell to the gateway for service dhcp6, as an operator would. */
    private JsonNode keaShell(String command, String arguments) throws Exception {
        Path stdin = dir.resolve("kea-shell.in");
        Files.writeString(stdin, arguments + "\n");
        Suite.Result r = Suite.exec(new ProcessBuilder("kea-shell", "--host", "127.0.0.1", "--port", "8000",
                "--service", "dhcp6", command).redirectErrorStream(true).redirectInput(stdin.toFile()),
                Duration.ofSeconds(60));
        assertThat(r.exitCode()).as("kea-shell output:\n" + r.output()).isZero();
        return JSON.readTree(r.output().substring(r.output().indexOf('['))).get(0);
    }
}
