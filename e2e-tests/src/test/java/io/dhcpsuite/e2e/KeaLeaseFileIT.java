package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A lease file written by Kea 2.2 (captured from kea-dhcp4 serving perfdhcp, kept in
 * lease-service's test resources) is taken over by the suite: every lease is served by lease4-get,
 * and new clients (MACs unlike perfdhcp's defaults, which Kea served) never get an address Kea had leased.
 */
class KeaLeaseFileIT {
    @TempDir
    Path dir;

    @Test
    void takesOverAKeaWrittenLeaseFile() throws Exception {
        Preconditions.rootAndPerfdhcp();
        Path keaFile = Suite.ROOT.resolve("lease-service/src/test/resources/memfile/kea-2.2-perfdhcp.csv");
        List<String> lines = Files.readAllLines(keaFile);
        // The capture's leases expire an hour after it was made; move them into the future, as a
        // server switched over from a live Kea would find them. Columns stay Kea's.
        long expire = System.currentTimeMillis() / 1000 + 3600;
        Map<String, String> hwByAddress = new LinkedHashMap<>();
        List<String> shifted = new ArrayList<>();
        shifted.add(lines.getFirst());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            f[4] = String.valueOf(expire);
            shifted.add(String.join(",", f));
            hwByAddress.put(f[0], f[1]);
        }
        Files.write(dir.resolve("leases4.csv"), shifted);

        try (Suite suite = Suite.start(Configs.memfile(dir), dir)) {
            for (Map.Entry<String, String> e : hwByAddress.entrySet()) {
                JsonNode answer = suite.command("lease4-get", "{\"ip-address\": \"" + e.getKey() + "\"}");
                assertThat(answer.path("result").asInt()).as(answer.toString()).isZero();
                assertThat(answer.path("arguments").path("hw-address").asString()).isEqualTo(e.getValue());
            }
            Perfdhcp.Report report = Perfdhcp.run(100, 1_000_000, 3, "-b", "mac=02:00:00:00:00:00");
            assertThat(report.acks()).as(report.output()).isEqualTo(report.discoversSent()).isPositive();
            assertThat(report.leases()).doesNotContainAnyElementsOf(hwByAddress.keySet());
        }
    }
}
