package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
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
 * Reconfiguring the running suite through the gateway as a Kea operator does: a refused
 * config-set changes nothing, an accepted one adds a subnet while the leases stay and perfdhcp
 * keeps getting answers, config-write writes only next to the config file, config-reload goes
 * back to the file, and shutdown stops the dhcp4 role while the gateway stays up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigSetIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    static Path dir;
    static Suite suite;
    static String leasedBefore;
    static String fileHash;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        suite = Suite.start(Configs.memfile(dir), dir);
        Perfdhcp.Report r = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(r.acks()).as(r.output()).isPositive();
        leasedBefore = r.leases().iterator().next();
        fileHash = hash();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    static String hash() throws Exception {
        JsonNode r = suite.command("config-hash-get", null);
        assertThat(r.get("result").asInt()).as(r.toString()).isZero();
        return r.at("/arguments/hash").asString();
    }

    /** The running Dhcp4 section with a second subnet for clients relayed by 127.0.0.3. */
    static ObjectNode withSecondSubnet() throws Exception {
        ObjectNode dhcp4 = (ObjectNode) suite.command("config-get", null).at("/arguments/Dhcp4").deepCopy();
        ArrayNode subnets = (ArrayNode) dhcp4.get("subnet4");
        subnets.add(JSON.readTree("""
                { "id": 2, "subnet": "10.99.0.0/24", "pools": [ { "pool": "10.99.0.10 - 10.99.0.100" } ],
                  "relay": { "ip-addresses": [ "127.0.0.3" ] },
                  "option-data": [ { "name": "routers", "data": "10.99.0.1" } ] }
                """));
        return dhcp4;
    }

    static String args(JsonNode dhcp4) {
        return "{\"Dhcp4\": " + dhcp4 + "}";
    }

    @Test
    @Order(1)
    void refusedConfigSetChangesNothing() throws Exception {
        ObjectNode bad = withSecondSubnet();
        ((ObjectNode) bad.get("subnet4").get(1).get("pools").get(0)).put("pool", "10.98.0.10 - 10.98.0.100");
        JsonNode test = suite.command("config-test", args(bad));
        assertThat(test.get("result").asInt()).isEqualTo(1);
        JsonNode set = suite.command("config-set", args(bad));
        assertThat(set.get("result").asInt()).as(set.toString()).isEqualTo(1);
        assertThat(set.get("text").asString()).startsWith("Dhcp4/subnet4[1]/pools[0]/pool: ");
        assertThat(hash()).isEqualTo(fileHash);
        assertThat(suite.command("subnet4-select-test", "{\"relay\": \"127.0.0.3\"}").get("result").asInt()).isEqualTo(3);
        assertThat(suite.statistic("subnet[2].total-addresses")).isZero();

        JsonNode sockets = suite.command("config-set", args(((ObjectNode) withSecondSubnet())
                .set("interfaces-config", JSON.readTree("{\"interfaces\": [\"lo/127.0.0.4\"]}"))));
        assertThat(sockets.get("text").asString()).startsWith("Dhcp4/interfaces-config: ");
        assertThat(hash()).isEqualTo(fileHash);
    }

    @Test
    @Order(2)
    void configSetAddsASubnetAndKeepsTheLeases() throws Exception {
        ObjectNode next = withSecondSubnet();
        JsonNode test = suite.command("config-test", args(next));
        assertThat(test.get("text").asString()).startsWith("Configuration seems sane.");
        assertThat(hash()).isEqualTo(fileHash);

        JsonNode set = suite.command("config-set", args(next));
        assertThat(set.get("result").asInt()).as(set.toString()).isZero();
        assertThat(set.get("text").asString()).isEqualTo("Configuration successful.");
        assertThat(set.at("/arguments/hash").asString()).isEqualTo(hash()).isNotEqualTo(fileHash);

        assertThat(suite.command("subnet4-select-test", "{\"relay\": \"127.0.0.3\"}").get("text").asString())
                .isEqualTo("selected subnet '10.99.0.0/24' id 2");
        assertThat(suite.statistic("subnet[2].total-addresses")).isEqualTo(91);
        assertThat(suite.command("config-get", null).at("/arguments/Dhcp4/subnet4/1/id").asInt()).isEqualTo(2);
        JsonNode lease = suite.command("lease4-get", "{\"ip-address\": \"" + leasedBefore + "\"}");
        assertThat(lease.get("result").asInt()).as(lease.toString()).isZero();
        assertThat(suite.command("status-get", null).at("/arguments/reload").asLong())
                .isLessThan(suite.command("status-get", null).at("/arguments/uptime").asLong() + 1);

        Perfdhcp.Report after = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(after.acks()).as(after.output()).isEqualTo(after.discoversSent()).isPositive();
    }

    @Test
    @Order(3)
    void configWriteOnlyIntoTheConfigDirectory() throws Exception {
        JsonNode ok = suite.command("config-write", "{\"filename\": \"written.json\"}");
        Path written = dir.resolve("written.json");
        assertThat(ok.get("result").asInt()).as(ok.toString()).isZero();
        assertThat(ok.get("text").asString()).isEqualTo("Configuration written to " + written + " successful");
        assertThat(ok.at("/arguments/size").asLong()).isEqualTo(Files.size(written));
        assertThat(JSON.readTree(Files.readString(written)).at("/Dhcp4/subnet4/1/subnet").asString()).isEqualTo("10.99.0.0/24");

        Path outside = Path.of("/tmp/config-set-it-" + ProcessHandle.current().pid() + ".json");
        JsonNode refused = suite.command("config-write", "{\"filename\": \"" + outside + "\"}");
        assertThat(refused.get("result").asInt()).isEqualTo(1);
        assertThat(refused.get("text").asString()).startsWith("not allowed to write config into " + outside)
                .contains("must be in the same directory as the config file");
        assertThat(outside).doesNotExist();
    }

    @Test
    @Order(4)
    void configReloadGoesBackToTheFile() throws Exception {
        JsonNode reload = suite.command("config-reload", null);
        assertThat(reload.get("text").asString()).as(reload.toString()).isEqualTo("Configuration successful.");
        assertThat(hash()).isEqualTo(fileHash);
        assertThat(suite.command("subnet4-select-test", "{\"relay\": \"127.0.0.3\"}").get("result").asInt()).isEqualTo(3);
        assertThat(suite.command("lease4-get", "{\"ip-address\": \"" + leasedBefore + "\"}").get("result").asInt()).isZero();
    }

    @Test
    @Order(5)
    void shutdownStopsTheDhcp4RoleAndLeavesTheGateway() throws Exception {
        JsonNode r = suite.command("shutdown", null);
        assertThat(r.get("text").asString()).isEqualTo("Shutting down.");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String status = suite.dhcpctl(Duration.ofSeconds(30), "status").output();
            assertThat(status).containsPattern("(?m)^dhcp-service\\s+stopped").containsPattern("(?m)^lease-service\\s+stopped")
                    .containsPattern("(?m)^gateway\\s+pid");
        });
        JsonNode down = suite.command("version-get", null);
        assertThat(down.get("result").asInt()).isEqualTo(1);
        assertThat(down.get("text").asString()).startsWith("unable to forward command to the dhcp4 service");
    }
}
