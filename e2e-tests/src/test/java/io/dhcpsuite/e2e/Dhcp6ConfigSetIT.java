package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kea-dhcp6's configuration commands through the gateway ({@code "service": ["dhcp6"]}) against
 * the running suite: config-get shows the Dhcp6 section with secrets masked, a refused config-set
 * changes nothing, an accepted one reaches both dhcp-service (the lifetimes perfdhcp's clients
 * get) and lease-service (a new subnet's pool), config-write writes only beside the file, and
 * config-reload goes back to it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp6ConfigSetIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    static Path dir;
    static Suite suite;
    static String fileHash;
    static String dhcp4Hash;

    static Path config(Path dir) throws Exception {
        String text = """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15",
                                   "pools": [ { "pool": "198.18.0.10 - 198.19.255.250" } ],
                                   "relay": { "ip-addresses": [ "127.0.0.1" ] } } ]
                  },
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "data-directory": "%s",
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so",
                                           "parameters": { "password": "s3cret-v6" } } ],
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                                   "pools": [ { "pool": "2001:db8:1::/80" } ] } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), dir.resolve("leases6.csv"), dir);
        Path file = dir.resolve("dhcp46.json");
        Files.writeString(file, text);
        return file;
    }

    @BeforeAll
    static void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        suite = Suite.start(config(dir), dir);
        fileHash = hash6();
        dhcp4Hash = suite.command("config-hash-get", null).at("/arguments/hash").asString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    static JsonNode dhcp6(String command, String args) throws Exception {
        return suite.command("dhcp6", command, args);
    }

    static String hash6() throws Exception {
        JsonNode r = dhcp6("config-hash-get", null);
        assertThat(r.get("result").asInt()).as(r.toString()).isZero();
        return r.at("/arguments/hash").asString();
    }

    /** The running Dhcp6 section as config-get shows it, with subnet 2 (relayed, 2001:db8:2::/64) added. */
    static ObjectNode withSecondSubnet() throws Exception {
        ObjectNode d6 = (ObjectNode) dhcp6("config-get", null).at("/arguments/Dhcp6").deepCopy();
        ((ArrayNode) d6.get("subnet6")).add(JSON.readTree("""
                { "id": 2, "subnet": "2001:db8:2::/64", "pools": [ { "pool": "2001:db8:2::10 - 2001:db8:2::1f" } ],
                  "relay": { "ip-addresses": [ "2001:db8:2::1" ] } }
                """));
        return d6;
    }

    static String args(JsonNode d6) {
        return "{\"Dhcp6\": " + d6 + "}";
    }

    static JsonNode addInSubnet2() throws Exception {
        return dhcp6("lease6-add", """
                {"subnet-id": 2, "ip-address": "2001:db8:2::11", "duid": "00:01:00:01:00:00:00:00:aa:bb:cc:dd:ee:01",
                 "iaid": 7}""");
    }

    @Test
    @Order(1)
    void configGetAnswersTheDhcp6SectionWithSecretsMasked() throws Exception {
        JsonNode got = dhcp6("config-get", null);
        assertThat(got.get("result").asInt()).as(got.toString()).isZero();
        assertThat(got.get("arguments").has("Dhcp4")).isFalse();
        assertThat(got.at("/arguments/Dhcp6/subnet6/0/subnet").asString()).isEqualTo("2001:db8:1::/64");
        assertThat(got.toString()).doesNotContain("s3cret-v6").contains("*****");
        assertThat(got.at("/arguments/hash").asString()).isEqualTo(fileHash).isNotEqualTo(dhcp4Hash);
    }

    @Test
    @Order(2)
    void refusedConfigSetChangesNothing() throws Exception {
        ObjectNode bad = withSecondSubnet();
        ((ObjectNode) bad.get("subnet6").get(1).get("pools").get(0)).put("pool", "2001:db8:9::10 - 2001:db8:9::1f");
        JsonNode test = dhcp6("config-test", args(bad));
        assertThat(test.get("result").asInt()).as(test.toString()).isEqualTo(1);
        JsonNode set = dhcp6("config-set", args(bad));
        assertThat(set.get("result").asInt()).as(set.toString()).isEqualTo(1);
        assertThat(set.get("text").asString()).startsWith("Dhcp6/subnet6[1]/pools[0]/pool: ");
        assertThat(hash6()).isEqualTo(fileHash);
        assertThat(addInSubnet2().get("text").asString())
                .isEqualTo("Invalid subnet-id: No IPv6 subnet with subnet-id=2 currently configured.");

        JsonNode sockets = dhcp6("config-set", args(withSecondSubnet()
                .set("interfaces-config", JSON.readTree("{\"interfaces\": [\"lo/::2\"]}"))));
        assertThat(sockets.get("text").asString()).as(sockets.toString()).startsWith("Dhcp6/interfaces-config: ");
        JsonNode other = dhcp6("config-set", "{\"Dhcp4\": {}}");
        assertThat(other.get("text").asString()).isEqualTo("Unsupported 'Dhcp4' parameter.");
        JsonNode four = suite.command("config-set", args(withSecondSubnet()));
        assertThat(four.get("text").asString()).isEqualTo("Unsupported 'Dhcp6' parameter.");
        assertThat(hash6()).isEqualTo(fileHash);
    }

    @Test
    @Order(3)
    void configSetReachesBothServices() throws Exception {
        ObjectNode next = withSecondSubnet();
        next.put("valid-lifetime", 5000);
        assertThat(dhcp6("config-test", args(next)).get("text").asString()).startsWith("Configuration seems sane.");
        JsonNode set = dhcp6("config-set", args(next));
        assertThat(set.get("result").asInt()).as(set.toString()).isZero();
        assertThat(set.get("text").asString()).isEqualTo("Configuration successful.");
        assertThat(set.at("/arguments/hash").asString()).isEqualTo(hash6()).isNotEqualTo(fileHash);
        assertThat(suite.command("config-hash-get", null).at("/arguments/hash").asString())
                .as("the Dhcp4 section stays").isEqualTo(dhcp4Hash);
        // the secret sent back masked keeps its running value
        assertThat(Files.readString(dir.resolve("dhcp46.json"))).contains("s3cret-v6");

        // lease-service: subnet 2's pool exists
        JsonNode added = addInSubnet2();
        assertThat(added.get("result").asInt()).as(added.toString()).isZero();
        assertThat(dhcp6("statistic-get", "{\"name\": \"subnet[2].total-nas\"}").at("/arguments/subnet[2].total-nas/0/0")
                .asLong()).isEqualTo(16);
        // dhcp-service: the new valid lifetime is what clients get
        long[] r = Dhcp6EndToEndIT.perfdhcp6(50, 3, "-b", "duid=000100010000000009000000000000");
        assertThat(r[3]).as(Dhcp6EndToEndIT.last).isPositive();
        JsonNode leases = dhcp6("lease6-get-all", "{\"subnets\": [1]}");
        JsonNode first = leases.at("/arguments/leases/0");
        assertThat(first.get("valid-lft").asLong()).as(leases.toString()).isEqualTo(5000);
    }

    @Test
    @Order(4)
    void configWriteOnlyBesideTheConfigFile() throws Exception {
        JsonNode ok = dhcp6("config-write", "{\"filename\": \"written6.json\"}");
        Path written = dir.resolve("written6.json");
        assertThat(ok.get("result").asInt()).as(ok.toString()).isZero();
        assertThat(ok.get("text").asString()).isEqualTo("Configuration written to " + written + " successful");
        JsonNode doc = JSON.readTree(Files.readString(written));
        assertThat(doc.at("/Dhcp6/subnet6/1/subnet").asString()).isEqualTo("2001:db8:2::/64");
        assertThat(doc.at("/Dhcp6/hooks-libraries/0/parameters/password").asString()).isEqualTo("s3cret-v6");
        Path outside = Path.of("/tmp/dhcp6-config-set-it-" + ProcessHandle.current().pid() + ".json");
        JsonNode refused = dhcp6("config-write", "{\"filename\": \"" + outside + "\"}");
        assertThat(refused.get("result").asInt()).isEqualTo(1);
        assertThat(refused.get("text").asString()).contains("must be in the same directory as the config file");
        assertThat(outside).doesNotExist();
    }

    @Test
    @Order(5)
    void configReloadGoesBackToTheFile() throws Exception {
        JsonNode reload = dhcp6("config-reload", null);
        assertThat(reload.get("text").asString()).as(reload.toString()).isEqualTo("Configuration successful.");
        assertThat(reload.at("/arguments/hash").asString()).isEqualTo(fileHash);
        assertThat(hash6()).isEqualTo(fileHash);
        assertThat(dhcp6("config-get", null).at("/arguments/Dhcp6/subnet6").size()).isEqualTo(1);
        // the lease of the removed subnet stays stored, as in Kea
        assertThat(dhcp6("lease6-get", "{\"ip-address\": \"2001:db8:2::11\"}").get("result").asInt()).isZero();
    }
}
