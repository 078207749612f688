package io.dhcpsuite.lease.v6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.lease.LeaseResult6.IaStatus;
import io.dhcpsuite.api.lease.wire.LeaseWireClient;
import io.dhcpsuite.lease.LeaseServiceApplication;
import io.dhcpsuite.lease.batch.LeaseBatchTcpEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DHCPv6 batches over the lease wire (real TCP sockets, a real kea-leases6.csv), with dhcp-service's
 * two connections: ADVERTISEs pipelined on one, the REQUESTs' ASSIGNs and a RELEASE on the other,
 * where lease-service makes them durable on the connection's reader; every committed lease is in
 * the journal before its answer, as over HTTP ({@link Lease6BatchHttpTest}).
 */
@SpringBootTest(classes = LeaseServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Lease6BatchWireTest {
    static Path dir;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        dir = Files.createTempDirectory("lease6-wire");
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
    LeaseBatchTcpEndpoint endpoint;

    static List<LeaseResult6> send(LeaseWireClient client, List<LeaseOp6> ops) throws Exception {
        CompletableFuture<List<LeaseResult6>> answer = new CompletableFuture<>();
        client.send6(ops, (r, e) -> {
            if (e != null) {
                answer.completeExceptionally(e);
            } else {
                answer.complete(r);
            }
        });
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void advertiseAssignAndReleaseOverTheWireAreDurableBeforeTheirAnswer() throws Exception {
        try (LeaseWireClient advertises = new LeaseWireClient("127.0.0.1", endpoint.port(), Duration.ofSeconds(5));
             LeaseWireClient writes = new LeaseWireClient("127.0.0.1", endpoint.port(), Duration.ofSeconds(5))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> advertises.connected() && writes.connected());
            // four batches of ADVERTISEs in flight at once on one connection
            List<CompletableFuture<List<LeaseResult6>>> inFlight = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                List<LeaseOp6> ops = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int n = b * 5 + i;
                    ops.add(Lease6BatchHttpTest.op(n, Kind.ADVERTISE, n, List.of(), List.of()));
                }
                CompletableFuture<List<LeaseResult6>> f = new CompletableFuture<>();
                advertises.send6(ops, (r, e) -> {
                    if (e != null) {
                        f.completeExceptionally(e);
                    } else {
                        f.complete(r);
                    }
                });
                inFlight.add(f);
            }
            List<LeaseResult6> advertised = new ArrayList<>();
            for (CompletableFuture<List<LeaseResult6>> f : inFlight) {
                advertised.addAll(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(advertised).extracting(LeaseResult6::id).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, 20).boxed().toList());
            assertThat(Files.readAllLines(dir.resolve("leases6.csv"))).as("nothing durable for an ADVERTISE").hasSize(1);

            List<LeaseOp6> requests = new ArrayList<>();
            for (LeaseResult6 r : advertised) {
                assertThat(r.ias()).extracting(LeaseResult6.IaResult::status).containsOnly(IaStatus.SUCCESS);
                requests.add(Lease6BatchHttpTest.op(100 + r.id(), Kind.ASSIGN, (int) r.id(),
                        List.of(Lease6BatchHttpTest.of(r.ias().get(0).leases().get(0))),
                        List.of(Lease6BatchHttpTest.of(r.ias().get(1).leases().get(0)))));
            }
            List<LeaseResult6> replied = send(writes, requests);
            List<Lease6> committed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LeaseResult6 r = replied.get(i);
                assertThat(r.status()).isEqualTo(LeaseResult6.Status.OK);
                assertThat(r.ias().get(0).leases().get(0).ipAddress())
                        .isEqualTo(advertised.get(i).ias().get(0).leases().get(0).ipAddress());
                committed.add(r.ias().get(0).leases().get(0));
                committed.add(r.ias().get(1).leases().get(0));
            }
            String journal = Files.readString(dir.resolve("leases6.csv"));
            committed.forEach(l -> assertThat(journal).contains(l.ipAddress() + "," + l.duid() + ",4000,"));
            assertThat(journal).contains("host0.example.org.");

            List<LeaseResult6> released = send(writes, List.of(Lease6BatchHttpTest.op(500, Kind.RELEASE, 0,
                    List.of(Lease6BatchHttpTest.of(committed.get(0))), List.of(Lease6BatchHttpTest.of(committed.get(1))))));
            assertThat(released.get(0).ias()).extracting(LeaseResult6.IaResult::status)
                    .containsExactly(IaStatus.SUCCESS, IaStatus.SUCCESS);
            assertThat(advertises.connects() + writes.connects()).as("no connection was lost").isEqualTo(2);
        }
        assertThat(endpoint.server().malformedFrames()).isZero();
    }
}
