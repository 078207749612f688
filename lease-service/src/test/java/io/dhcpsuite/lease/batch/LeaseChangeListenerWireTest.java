package io.dhcpsuite.lease.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.api.lease.wire.LeaseWire;
import io.dhcpsuite.lease.LeaseServiceApplication;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChangeListener;
import io.dhcpsuite.lease.store.LeaseChanges;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seam HA's lease updates use: a {@link LeaseChangeListener} bean receives the changes of every
 * transaction with their origin, and the completion it returns holds back the batch's answer on
 * the lease wire until it completes (Kea parks the DHCP response until the partner's ack), or
 * turns the answers of the ops that wrote into errors when it fails.
 */
@SpringBootTest(classes = {LeaseServiceApplication.class, LeaseChangeListenerWireTest.PartnerConfig.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeaseChangeListenerWireTest {
    static Path dir;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        dir = Files.createTempDirectory("lease-listener");
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "valid-lifetime": 3600,
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ] } ] } }
                """.formatted(dir.resolve("leases4.csv")));
        r.add("suite.config", cfg::toString);
    }

    /** A partner stand-in: records what it is told and answers with the gate the test sets. */
    static final class Partner implements LeaseChangeListener {
        final List<LeaseChanges> told = new CopyOnWriteArrayList<>();
        final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>();

        @Override
        public CompletableFuture<Void> changed(LeaseChanges changes) {
            told.add(changes);
            return changes.origin() == LeaseChange.Origin.DHCP ? gate.get() : null;
        }
    }

    @TestConfiguration
    static class PartnerConfig {
        @Bean
        Partner partner() {
            return new Partner();
        }
    }

    @Autowired
    LeaseBatchTcpEndpoint endpoint;
    @Autowired
    Partner partner;
    @Autowired
    CommandDispatcher commands;

    private static LeaseOp4 request(long id, String hw) {
        return new LeaseOp4(id, Kind.REQUEST, List.of(1L), 1, hw, null, true, null, false, null, 0, List.of(), 3600,
                "host" + id, false, false);
    }

    @Test
    void theBatchAnswerWaitsForTheListenersCompletionAndFailsWithIt() throws Exception {
        try (Socket s = new Socket("127.0.0.1", endpoint.port())) {
            s.setSoTimeout(10_000);
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
            new DataOutputStream(out).writeInt(LeaseWire.MAGIC);
            DataInputStream in = new DataInputStream(s.getInputStream());

            CompletableFuture<Void> ack = new CompletableFuture<>();
            partner.gate.set(ack);
            int before = partner.told.size();
            LeaseWire.writeFrame(out, 1, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(request(1, "02:00:00:00:01:01"))));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> partner.told.size() == before + 1);
            LeaseChanges told = partner.told.get(before);
            assertThat(told.origin()).isEqualTo(LeaseChange.Origin.DHCP);
            assertThat(told.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(LeaseChange.Kind.ADDED);
                assertThat(c.lease().hwAddress()).isEqualTo("02:00:00:00:01:01");
            });
            // durable in the journal, and still no answer: the partner has not acknowledged
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("leases4.csv")).contains("02:00:00:00:01:01"));
            assertThat(in.available()).as("no answer before the ack").isZero();
            ack.complete(null);
            LeaseWire.Frame answered = LeaseWire.readFrame(in);
            assertThat(LeaseWire.decodeResults(answered.payload())).singleElement()
                    .extracting(LeaseResult4::status).isEqualTo(Status.ASSIGNED);

            partner.gate.set(CompletableFuture.failedFuture(new IllegalStateException("partner unreachable")));
            LeaseWire.writeFrame(out, 2, LeaseWire.BATCH, LeaseWire.encodeOps(List.of(request(2, "02:00:00:00:01:02"))));
            out.flush();
            LeaseWire.Frame refused = LeaseWire.readFrame(in);
            assertThat(refused.correlationId()).isEqualTo(2);
            assertThat(LeaseWire.decodeResults(refused.payload())).singleElement()
                    .satisfies(r -> {
                        assertThat(r.status()).as("the reply is dropped").isEqualTo(Status.ERROR);
                        assertThat(r.message()).isEqualTo("lease change not acknowledged: partner unreachable");
                    });
        }
    }

    @Test
    void aControlCommandsChangesArePublishedWithTheirOriginAndDoNotWait() {
        int before = partner.told.size();
        partner.gate.set(new CompletableFuture<>());
        var response = commands.dispatch(CommandRequest.of("lease4-add", JsonMapper.builder().build().readTree(
                "{\"ip-address\": \"192.0.2.7\", \"hw-address\": \"02:00:00:00:02:01\"}")));
        assertThat(response.result()).isZero();
        assertThat(partner.told).hasSize(before + 1).last().extracting(LeaseChanges::origin).isEqualTo(LeaseChange.Origin.COMMAND);
    }
}
