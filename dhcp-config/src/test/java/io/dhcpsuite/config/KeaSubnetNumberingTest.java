package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ids the suite gives subnets without one, against the ids a running Kea 2.2 gives the same
 * file (read back with {@code config-get} over Kea's UNIX control socket).
 */
class KeaSubnetNumberingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void numbersSubnetsWithoutAnIdAsRunningKeaDoes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/kea-dhcp4")), "kea-dhcp4 is not installed");
        String dhcp4 = """
                "subnet4": [ { "subnet": "192.0.2.0/24" }, { "subnet": "192.0.3.0/24", "id": 40 },
                             { "subnet": "192.0.4.0/24", "id": 0 } ],
                "shared-networks": [
                  { "name": "a", "subnet4": [ { "subnet": "198.18.0.0/24" }, { "subnet": "198.18.1.0/24", "id": 7 } ] },
                  { "name": "b", "subnet4": [ { "subnet": "198.18.2.0/24" } ] } ]
                """;
        Map<String, Long> suite = new TreeMap<>();
        KeaConfigLoaderTest.load(dhcp4).dhcp4().subnets().forEach(s -> suite.put(s.text(), s.id()));
        Map<String, Long> kea = keaIds(dhcp4);
        assertThat(suite).isEqualTo(kea).containsEntry("198.18.0.0/24", 1L).containsEntry("192.0.2.0/24", 3L);
    }

    /** Runs kea-dhcp4 on the section (no interfaces, so no DHCP sockets) and asks it for its subnets. */
    private Map<String, Long> keaIds(String dhcp4) throws Exception {
        Path socket = work.resolve("kea4.sock");
        Path config = work.resolve("kea4.json");
        Files.writeString(config, """
                { "Dhcp4": { "interfaces-config": { "interfaces": [] },
                  "lease-database": { "type": "memfile", "persist": false },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  %s } }
                """.formatted(socket, dhcp4));
        ProcessBuilder pb = new ProcessBuilder("kea-dhcp4", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("kea4.log").toFile());
        pb.environment().put("KEA_PIDFILE_DIR", work.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", work.toString());
        Process kea = pb.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(socket) || !kea.isAlive());
            assertThat(kea.isAlive()).as(Files.readString(work.resolve("kea4.log"))).isTrue();
            JsonNode answer = command(socket, "{\"command\": \"config-get\"}");
            Map<String, Long> ids = new TreeMap<>();
            JsonNode d4 = answer.path("arguments").path("Dhcp4");
            List<JsonNode> subnets = new ArrayList<>();
            d4.path("subnet4").forEach(subnets::add);
            d4.path("shared-networks").forEach(n -> n.path("subnet4").forEach(subnets::add));
            subnets.forEach(s -> ids.put(s.path("subnet").asString(), s.path("id").asLong()));
            assertThat(ids).as(answer.toString()).hasSize(6);
            return ids;
        } finally {
            kea.destroy();
            kea.waitFor();
        }
    }

    private static JsonNode command(Path socket, String command) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n > 0) {
                    out.write(buf.array(), 0, n);
                }
                // Kea answers one JSON map and keeps the connection open until the client closes it
                if (n < 0 || parses(out.toByteArray())) {
                    break;
                }
            }
            return JSON.readTree(out.toByteArray());
        }
    }

    private static boolean parses(byte[] text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
