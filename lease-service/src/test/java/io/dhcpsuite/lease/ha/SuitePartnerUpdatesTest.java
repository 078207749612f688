package io.dhcpsuite.lease.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.command.LeaseCommands;
import io.dhcpsuite.lease.reclamation.Reclaimer;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import io.dhcpsuite.lease.store.LeaseWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lease updates to a suite partner: a real HTTP listener in front of the partner's real lease
 * commands (lease4-bulk-apply, lease4-update, lease4-del on its own lease store), so what the
 * sender batches is what the partner stores.
 */
class SuitePartnerUpdatesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PARTNER_CONFIG = """
            { "Dhcp4": { "valid-lifetime": 3600,
              "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" }, { "id": 2, "subnet": "198.18.0.0/15" } ] } }
            """;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<LeaseChange.Origin> partnerOrigins = new CopyOnWriteArrayList<>();
    /** Every request the partner's listener got, as the command name. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean takesBulk = true;
    private final java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxConcurrent = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean restrictCommands;
    private HttpServer server;
    private AllocationEngine partner;
    private CommandDispatcher partnerCommands;

    @BeforeEach
    void startPartner() throws Exception {
        partner = TestSupport.engine(TestSupport.config(PARTNER_CONFIG), new MutableClock(Instant.ofEpochSecond(1_800_000_000L)),
                LeaseWriter.MEMORY_ONLY, List.of(changes -> {
                    partnerOrigins.add(changes.origin());
                    return null;
                }), List.of());
        partnerCommands = new CommandDispatcher();
        LeaseCommands.register(partnerCommands, partner, new Reclaimer(partner), (LeaseBackend) null);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String expected = "Basic " + Base64.getEncoder().encodeToString("ha:s3cret".getBytes(StandardCharsets.UTF_8));
        server.createContext("/", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            String command = body.get("command").asString();
            requests.add(command);
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2); // a partner that takes a moment, so requests overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int status = 200;
            String answer;
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = "{\"result\": 401, \"text\": \"Unauthorized\"}";
            } else if (command.equals("lease4-bulk-apply") && restrictCommands) {
                status = 403;
                answer = "{\"result\": 403, \"text\": \"Forbidden\"}";
            } else if (command.equals("lease4-bulk-apply") && !takesBulk) {
                answer = "[{\"result\": 2, \"text\": \"'lease4-bulk-apply' command not supported.\"}]";
            } else {
                CommandResponse r = partnerCommands.dispatch(CommandRequest.of(command, body.get("arguments")));
                ArrayNode list = JSON.createArrayNode();
                ObjectNode o = list.addObject().put("result", r.result()).put("text", r.text());
                if (r.arguments() != null) {
                    o.set("arguments", r.arguments());
                }
                answer = list.toString();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            concurrent.decrementAndGet();
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopPartner() {
        server.stop(0);
    }

    HaLeaseUpdates sender(HaLeaseUpdates.Transport transport) {
        String config = """
                { "Dhcp4": { "hooks-libraries": [ { "library": "/k/libdhcp_ha.so", "parameters": { "high-availability": [
                  { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                    { "name": "server1", "url": "http://127.0.0.1:1/", "role": "primary" },
                    { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby",
                      "basic-auth-user": "ha", "basic-auth-password": "s3cret" } ] } ] } } ] } }
                """.formatted(server.getAddress().getPort());
        HaLeaseUpdates u = HaLeaseUpdates.of(KeaConfigLoader.parse(config, null).dhcp4(), transport, meters);
        u.mode(HaLeaseUpdates.Mode.SEND);
        return u;
    }

    static Lease lease(String address, int state) {
        return new Lease(Ipv4.parse(address), "0e:00:00:00:00:01", null, 3600, 1_800_000_000L,
                address.startsWith("198.18.") ? 2 : 1, 0, false, false, null, state, null);
    }

    static LeaseChanges dhcp(LeaseChange.Kind kind, String... addresses) {
        List<LeaseChange> changes = new ArrayList<>();
        for (String a : addresses) {
            changes.add(new LeaseChange(kind, lease(a, 0), LeaseChange.Origin.DHCP));
        }
        return new LeaseChanges(LeaseChange.Origin.DHCP, changes);
    }

    Lease onPartner(String address) {
        return partner.store().read(v -> v.get(Ipv4.parse(address)));
    }

    /** Until the sender has its answer to the question whether the partner takes lease4-bulk-apply. */
    void learnt(HaLeaseUpdates u, PeerChannel.Protocol expected) throws Exception {
        u.changed(dhcp(LeaseChange.Kind.ADDED, "192.0.2.250")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> u.partnerProtocol() == expected);
    }

    @Test
    void aSuitePartnerGetsManyUpdatesPerRequestAndStoresEveryLeaseAsThePartners() throws Exception {
        HaLeaseUpdates u = sender(new HaLeaseUpdates.Transport(8, 1000, Duration.ofSeconds(10), 64, 2));
        learnt(u, PeerChannel.Protocol.BULK);
        int before = requests.size();
        maxConcurrent.set(0);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(u.changed(dhcp(LeaseChange.Kind.ADDED, "198.18." + (i / 200) + "." + (i % 200 + 1))).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 400; i++) {
            assertThat(onPartner("198.18." + (i / 200) + "." + (i % 200 + 1))).as("lease %d on the partner", i).isNotNull();
        }
        List<String> sent = requests.subList(before, requests.size());
        assertThat(sent).containsOnly("lease4-bulk-apply");
        // 400 updates submitted at once, at most two bulk requests in flight: batches, not one request each
        assertThat(sent.size()).isLessThan(40);
        assertThat(maxConcurrent.get()).isBetween(1, 2);
        assertThat(partnerOrigins).as("the partner never sends these back").doesNotContain(LeaseChange.Origin.DHCP)
                .contains(LeaseChange.Origin.HA_PARTNER);
        assertThat(u.collect().get("acked").asLong()).isEqualTo(401);
        assertThat(meters.get("ha.lease.update.batch").summary().max()).isGreaterThan(1);

        // a transaction's changes go together; a deletion of a lease the partner lacks is no failure (Kea: result 3)
        u.changed(new LeaseChanges(LeaseChange.Origin.DHCP, List.of(
                new LeaseChange(LeaseChange.Kind.DELETED, lease("198.18.0.1", 0), LeaseChange.Origin.DHCP),
                new LeaseChange(LeaseChange.Kind.DELETED, lease("198.18.7.7", 0), LeaseChange.Origin.DHCP),
                new LeaseChange(LeaseChange.Kind.UPDATED, lease("198.18.0.2", 3), LeaseChange.Origin.DHCP))))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(onPartner("198.18.0.1")).isNull();
        assertThat(onPartner("198.18.0.2").state()).as("released: an update").isEqualTo(3);
    }

    @Test
    void onlyTheUpdatesThePartnerNamesAsFailedLoseTheirReplies() throws Exception {
        HaLeaseUpdates u = sender(new HaLeaseUpdates.Transport(1, 100, Duration.ofSeconds(10), 64));
        learnt(u, PeerChannel.Protocol.BULK);
        // 203.0.113.5 is in no subnet of the partner: its lease4-bulk-apply entry fails with result 4
        var done = u.changed(dhcp(LeaseChange.Kind.ADDED, "192.0.2.1", "203.0.113.5", "192.0.2.3")).toCompletableFuture();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ChangesNotAcknowledged.class, e -> {
                    assertThat(e.anyFailed(0, 1)).isFalse();
                    assertThat(e.anyFailed(1, 2)).isTrue();
                    assertThat(e.anyFailed(2, 3)).isFalse();
                    assertThat(e).hasMessageContaining("203.0.113.5 answered 4");
                });
        assertThat(onPartner("192.0.2.1")).isNotNull();
        assertThat(onPartner("192.0.2.3")).isNotNull();
        assertThat(u.collect().get("rejected-clients")).extracting(JsonNode::asString).containsExactly("0e:00:00:00:00:01/");
        assertThat(requests.getLast()).isEqualTo("lease4-bulk-apply");
    }

    @Test
    void aPartnerThatNoLongerTakesBulkGetsTheSameUpdatesAsKeasCommands() throws Exception {
        HaLeaseUpdates u = sender(new HaLeaseUpdates.Transport(2, 100, Duration.ofSeconds(10), 64));
        learnt(u, PeerChannel.Protocol.BULK);
        takesBulk = false; // a Kea took the suite's place at the same url
        int before = requests.size();
        u.changed(dhcp(LeaseChange.Kind.ADDED, "192.0.2.21", "192.0.2.22")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(onPartner("192.0.2.21")).isNotNull();
        assertThat(onPartner("192.0.2.22")).isNotNull();
        assertThat(requests.subList(before, requests.size()))
                .containsExactly("lease4-bulk-apply", "lease4-update", "lease4-update");
        assertThat(u.partnerProtocol()).isEqualTo(PeerChannel.Protocol.SINGLE);
        u.changed(dhcp(LeaseChange.Kind.ADDED, "192.0.2.23")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(requests.getLast()).isEqualTo("lease4-update");
    }

    @Test
    void aKeaPartnerWithRestrictCommandsGetsOnlyKeasCommandsAfterOneQuestion() throws Exception {
        restrictCommands = true;
        HaLeaseUpdates u = sender(HaLeaseUpdates.Transport.DEFAULT);
        learnt(u, PeerChannel.Protocol.SINGLE);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            all.add(u.changed(dhcp(LeaseChange.Kind.ADDED, "192.0.2." + i)).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(requests.stream().filter("lease4-bulk-apply"::equals)).hasSize(1);
        assertThat(requests.stream().filter("lease4-update"::equals)).hasSize(21);
    }

    @Test
    void maxBatchOneNeverAsksAndSendsKeasCommands() throws Exception {
        HaLeaseUpdates u = sender(new HaLeaseUpdates.Transport(2, 100, Duration.ofSeconds(10), 1));
        u.changed(dhcp(LeaseChange.Kind.ADDED, "192.0.2.1", "192.0.2.2")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(requests).containsExactly("lease4-update", "lease4-update");
        assertThat(u.partnerProtocol()).isEqualTo(PeerChannel.Protocol.UNKNOWN);
    }
}
