package io.dhcpsuite.lease.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.lease.LeaseServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The batch endpoint over real HTTP on memfile, and leases surviving a restart on the same file. */
@SpringBootTest(classes = LeaseServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class LeaseBatchHttpTest {
    // Lease4 omits pool-id when 0 (as Kea does); Jackson 3 refuses a missing primitive by default
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Path dir;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        dir = Files.createTempDirectory("lease-http");
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "valid-lifetime": 3600,
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ],
                                 "reservations": [ { "hw-address": "aa:bb:cc:dd:ee:ff", "ip-address": "192.0.2.5" } ] } ] } }
                """.formatted(dir.resolve("leases4.csv")));
        r.add("suite.config", cfg::toString);
    }

    @Autowired
    Environment env;

    static LeaseOp4 op(long id, Kind kind, String hw, String requested) {
        return new LeaseOp4(id, kind, List.of(1L), 1, hw, null, true, requested, requested != null, null, 0, List.of(),
                3600, "host" + id, false, false);
    }

    public static LeaseBatch4Result batch(int port, List<LeaseOp4> ops) throws Exception {
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LeaseBatch4.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new LeaseBatch4(ops)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        return JSON.readValue(resp.body(), LeaseBatch4Result.class);
    }

    public static JsonNode command(int port, String body) throws Exception {
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CommandDispatcher.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(resp.body());
    }

    @Test
    void doraOverHttpIsDurableAndSurvivesRestart() throws Exception {
        int port = env.getProperty("local.server.port", Integer.class);
        List<LeaseOp4> offers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            offers.add(op(i, Kind.OFFER, String.format("02:00:00:00:00:%02x", i), null));
        }
        LeaseBatch4Result offered = batch(port, offers);
        assertThat(offered.results()).hasSize(50);
        List<LeaseOp4> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            assertThat(offered.results().get(i).id()).isEqualTo(i);
            assertThat(offered.results().get(i).status()).isEqualTo(Status.ASSIGNED);
            requests.add(op(100 + i, Kind.REQUEST, String.format("02:00:00:00:00:%02x", i),
                    offered.results().get(i).lease().ipAddress()));
        }
        LeaseBatch4Result acked = batch(port, requests);
        assertThat(acked.results()).extracting(r -> r.status()).containsOnly(Status.ASSIGNED);
        assertThat(acked.results()).extracting(r -> r.lease().ipAddress()).doesNotHaveDuplicates().doesNotContain("192.0.2.5");
        // durable before the answer: the journal already holds every acknowledged lease
        String journal = Files.readString(dir.resolve("leases4.csv"));
        acked.results().forEach(r -> assertThat(journal).contains(r.lease().ipAddress() + ","));

        JsonNode stat = command(port, "{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"subnet[1].assigned-addresses\"}}");
        assertThat(stat.get("result").asInt()).isZero();
        assertThat(stat.get("arguments").get("subnet[1].assigned-addresses").get(0).get(0).asLong()).isEqualTo(50);
        JsonNode lease = command(port, "{\"command\":\"lease4-get\",\"arguments\":{\"ip-address\":\""
                + acked.results().get(0).lease().ipAddress() + "\"}}");
        assertThat(lease.get("text").asString()).isEqualTo("IPv4 lease found.");
        assertThat(lease.get("arguments").get("hw-address").asString()).isEqualTo("02:00:00:00:00:00");
        // kea-dhcp4 does not know lease6-get: only a request for service dhcp6 reaches the v6 store
        assertThat(command(port, "{\"command\":\"lease6-get\"}").get("result").asInt()).isEqualTo(2);
        assertThat(command(port, "{\"command\":\"lease6-get\",\"service\":[\"dhcp6\"],"
                + "\"arguments\":{\"ip-address\":\"2001:db8::1\"}}").get("text").asString()).isEqualTo("Lease not found.");

        HttpResponse<String> prom = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prom.body()).contains("kea_subnet_assigned_addresses{subnet_id=\"1\"} 50.0");
        assertThat(prom.body()).contains("lease_commit_groups_total{backend=\"memfile\"}")
                .contains("lease_commit_changes_total{backend=\"memfile\"} 50.0")
                .contains("lease_commit_write_seconds_count{backend=\"memfile\"}")
                .contains("lease_commit_group_changes_max{backend=\"memfile\"}");

        // a second service on the same file sees every lease
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(LeaseServiceApplication.class)
                .run("--server.port=0", "--suite.config=" + dir.resolve("kea.json"))) {
            int port2 = again.getEnvironment().getProperty("local.server.port", Integer.class);
            JsonNode all = command(port2, "{\"command\":\"lease4-get-all\"}");
            assertThat(all.get("text").asString()).isEqualTo("50 IPv4 lease(s) found.");
            LeaseBatch4Result renew = batch(port2, List.of(op(1, Kind.REQUEST, "02:00:00:00:00:07",
                    acked.results().get(7).lease().ipAddress())));
            assertThat(renew.results().get(0).reused()).isTrue();
        }
    }
}
