package io.dhcpsuite.lease.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.lease.LeaseResult6.IaStatus;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /internal/v1/lease6/batch} over a real HTTP socket on a real kea-leases6.csv: SOLICIT,
 * REQUEST, RENEW and RELEASE with IA_NA and IA_PD, every committed lease in the journal before the
 * answer, and the leases found again by a second service started on the same file.
 */
@SpringBootTest(classes = LeaseServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Lease6BatchHttpTest {
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Path dir;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        dir = Files.createTempDirectory("lease6-http");
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 } },
                  "Dhcp6": { "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                                   "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                                   "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ] } ] } }
                """.formatted(dir.resolve("leases4.csv"), dir.resolve("leases6.csv")));
        r.add("suite.config", cfg::toString);
    }

    @Autowired
    Environment env;

    static LeaseOp6 op(long id, Kind kind, int client, List<LeaseOp6.Prefix> na, List<LeaseOp6.Prefix> pd) {
        return new LeaseOp6(id, kind, List.of(1L), String.format("00:03:00:01:02:00:00:00:00:%02x", client), null,
                List.of(new LeaseOp6.Ia("IA_NA", 1, na, List.of(), 0, 0, 0), new LeaseOp6.Ia("IA_PD", 2, pd, List.of(), 0, 0, 0)),
                List.of(), "host" + client + ".example.org.", true, true);
    }

    static LeaseBatch6Result batch(int port, List<LeaseOp6> ops) throws Exception {
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LeaseBatch6.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new LeaseBatch6(ops)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        return JSON.readValue(resp.body(), LeaseBatch6Result.class);
    }

    static LeaseOp6.Prefix of(Lease6 l) {
        return new LeaseOp6.Prefix(l.ipAddress(), l.prefixLen());
    }

    @Test
    void solicitRequestRenewReleaseOverHttpAreDurableAndSurviveRestart() throws Exception {
        int port = env.getProperty("local.server.port", Integer.class);
        List<LeaseOp6> solicits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            solicits.add(op(i, Kind.ADVERTISE, i, List.of(), List.of()));
        }
        LeaseBatch6Result advertised = batch(port, solicits);
        assertThat(advertised.results()).hasSize(20);
        assertThat(Files.readAllLines(dir.resolve("leases6.csv"))).hasSize(1); // the header: nothing durable yet
        List<LeaseOp6> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LeaseResult6 r = advertised.results().get(i);
            assertThat(r.id()).isEqualTo(i);
            assertThat(r.ias()).extracting(LeaseResult6.IaResult::status).containsOnly(IaStatus.SUCCESS);
            requests.add(op(100 + i, Kind.ASSIGN, i, List.of(of(r.ias().get(0).leases().get(0))),
                    List.of(of(r.ias().get(1).leases().get(0)))));
        }
        LeaseBatch6Result replied = batch(port, requests);
        List<Lease6> committed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LeaseResult6 r = replied.results().get(i);
            assertThat(r.status()).isEqualTo(LeaseResult6.Status.OK);
            assertThat(r.ias().get(0).leases().get(0).ipAddress())
                    .isEqualTo(advertised.results().get(i).ias().get(0).leases().get(0).ipAddress());
            committed.add(r.ias().get(0).leases().get(0));
            committed.add(r.ias().get(1).leases().get(0));
        }
        assertThat(committed).extracting(Lease6::ipAddress).doesNotHaveDuplicates();
        // durable before the answer: the journal already holds every committed lease
        String journal = Files.readString(dir.resolve("leases6.csv"));
        committed.forEach(l -> assertThat(journal).contains(l.ipAddress() + "," + l.duid() + ",4000,"));
        assertThat(journal).contains(",2001:db8:8::,".substring(1)).contains("host0.example.org.");

        HttpResponse<String> prom = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prom.body()).contains("kea_dhcp6_subnet_assigned_nas{subnet_id=\"1\"} 20.0")
                .contains("kea_dhcp6_subnet_assigned_pds{subnet_id=\"1\"} 20.0");

        LeaseBatch6Result released = batch(port, List.of(op(500, Kind.RELEASE, 0, List.of(of(committed.get(0))),
                List.of(of(committed.get(1))))));
        assertThat(released.results().get(0).ias()).extracting(LeaseResult6.IaResult::status)
                .containsExactly(IaStatus.SUCCESS, IaStatus.SUCCESS);
        LeaseBatch6Result unknown = batch(port, List.of(op(501, Kind.RELEASE, 0, List.of(of(committed.get(0))), List.of())));
        assertThat(unknown.results().get(0).ias().get(0).status()).isEqualTo(IaStatus.NO_BINDING);

        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(LeaseServiceApplication.class)
                .run("--server.port=0", "--suite.config=" + dir.resolve("kea.json"))) {
            int port2 = again.getEnvironment().getProperty("local.server.port", Integer.class);
            Allocation6Engine engine = again.getBean(Allocation6Engine.class);
            assertThat(engine.stats().statistics().value("subnet[1].assigned-nas")).isEqualTo(19);
            assertThat(engine.stats().statistics().value("subnet[1].assigned-pds")).isEqualTo(19);
            LeaseBatch6Result renewed = batch(port2, List.of(op(600, Kind.RENEW, 7, List.of(of(committed.get(14))),
                    List.of(of(committed.get(15))))));
            assertThat(renewed.results().get(0).ias().get(0).leases()).extracting(Lease6::ipAddress)
                    .containsExactly(committed.get(14).ipAddress());
            assertThat(renewed.results().get(0).ias().get(1).leases()).extracting(Lease6::ipAddress)
                    .containsExactly(committed.get(15).ipAddress());
        }
    }
}
