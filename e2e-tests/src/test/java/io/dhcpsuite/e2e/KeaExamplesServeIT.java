package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two of the larger example files Kea ships (kea-doc), which have no subnet ids, started as the
 * suite's configuration and serving perfdhcp: a Kea 2.2 operator's file as a drop-in. The files are
 * changed only where this machine needs it: the server listens on 127.0.0.2 by UDP, the first
 * subnet is the one perfdhcp's relay address 127.0.0.1 selects, and leases go to a temporary file.
 */
class KeaExamplesServeIT {
    private static final Path EXAMPLES = Path.of("/usr/share/doc/kea/examples/kea4");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"advanced.json", "multiple-options.json"})
    void servesPerfdhcpFromAKeaExample(String example) throws Exception {
        Preconditions.rootAndPerfdhcp();
        assumeTrue(Files.isDirectory(EXAMPLES), "kea-doc is not installed (apt-get install kea-doc)");
        Path config = onLoopback(EXAMPLES.resolve(example));
        try (Suite suite = Suite.start(config, dir)) {
            // the first subnet has no id in the file: Kea 2.2 numbers it 1, and so does the suite
            assertThat(Files.readString(dir.resolve("run").resolve("logs").resolve("config-check.log")))
                    .contains("WARN Dhcp4/subnet4[0]: subnet 192.0.2.0/24 has no id; it gets id 1");

            Perfdhcp.run(30, 60, 2, "-b", "mac=0c:00:00:00:00:00");
            long assignedBefore = suite.statistic("subnet[1].assigned-addresses");
            Perfdhcp.Report run = Perfdhcp.run(50, 100, 4, "-b", "mac=0d:00:00:00:00:00");
            assertThat(run.discoversSent()).as(run.output()).isGreaterThan(150);
            assertThat(run.acks()).as(run.output()).isEqualTo(run.discoversSent());
            // every lease from the first pool, 192.0.2.1 - 192.0.2.200 in both examples, under subnet id 1
            JsonNode leases = suite.command("lease4-get-all", null).path("arguments").path("leases");
            assertThat(leases.size()).as(leases.toString()).isGreaterThanOrEqualTo(100);
            for (JsonNode lease : leases) {
                String address = lease.path("ip-address").asString();
                assertThat(address).startsWith("192.0.2.");
                assertThat(Integer.parseInt(address.substring("192.0.2.".length()))).isBetween(1, 200);
                assertThat(lease.path("subnet-id").asLong()).as(lease.toString()).isEqualTo(1);
            }
            assertThat(suite.statistic("subnet[1].assigned-addresses")).isEqualTo(leases.size());
            assertThat(suite.statistic("subnet[1].assigned-addresses") - assignedBefore).isPositive();
        }
    }

    private Path onLoopback(Path example) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(example));
        ObjectNode d4 = (ObjectNode) root.get("Dhcp4");
        d4.putObject("interfaces-config").put("dhcp-socket-type", "udp").putArray("interfaces").add("lo/127.0.0.2");
        d4.putObject("lease-database").put("type", "memfile").put("persist", true)
                .put("name", dir.resolve("leases4.csv").toString()).put("lfc-interval", 3600);
        List<ObjectNode> subnets = new ArrayList<>();
        d4.path("subnet4").forEach(s -> subnets.add((ObjectNode) s));
        for (ObjectNode s : subnets) {
            s.remove("interface");
            s.remove("relay");
        }
        subnets.get(0).putObject("relay").putArray("ip-addresses").add("127.0.0.1");
        Path out = dir.resolve(example.getFileName());
        Files.writeString(out, JSON.writeValueAsString(root));
        return out;
    }
}
