package io.dhcpsuite.lease.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lease updates to partners and backups played by real HTTP listeners answering in Kea's envelope. */
class HaLeaseUpdatesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<Partner> partners = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /**
     * A Kea peer's HA listener: records what it receives and from which connection, answers
     * {@code answer}; the suite's lease4-bulk-apply gets Kea's answer to an unknown command (2)
     * and is recorded apart, in {@code probes}.
     */
    final class Partner {
        final HttpServer server;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final List<JsonNode> probes = new CopyOnWriteArrayList<>();
        final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
        volatile int answer;
        /** The one address answered with result 4, whatever {@code answer} says. */
        volatile String conflictFor;
        volatile CountDownLatch hold = new CountDownLatch(0);

        Partner() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", ex -> {
                connections.add(ex.getRemoteAddress());
                JsonNode command = JSON.readTree(ex.getRequestBody().readAllBytes());
                if (command.get("command").asString().equals("lease4-bulk-apply")) {
                    probes.add(command);
                    byte[] body = "[ { \"result\": 2, \"text\": \"'lease4-bulk-apply' command not supported.\" } ]"
                            .getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                    ex.close();
                    return;
                }
                received.add(command);
                int result = command.at("/arguments/ip-address").asString().equals(conflictFor) ? 4 : answer;
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = ("[ { \"result\": " + result + ", \"text\": \"x\" } ]").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            partners.add(this);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }
    }

    @AfterEach
    void stop() {
        partners.forEach(p -> p.server.stop(0));
    }

    /** A port nothing listens on: connections are refused at once. */
    static String closedUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/";
        }
    }

    HaLeaseUpdates updates(String mode, String extra, HaLeaseUpdates.Transport transport, String... peers) {
        StringBuilder p = new StringBuilder("{ \"name\": \"server1\", \"url\": \"http://127.0.0.1:1/\", \"role\": \"primary\" }");
        for (String peer : peers) {
            p.append(", ").append(peer);
        }
        String config = """
                { "Dhcp4": { "hooks-libraries": [ { "library": "/k/libdhcp_ha.so", "parameters": { "high-availability": [
                  { "this-server-name": "server1", "mode": "%s" %s, "peers": [ %s ] } ] } } ] } }
                """.formatted(mode, extra, p);
        return HaLeaseUpdates.of(KeaConfigLoader.parse(config, null).dhcp4(), transport, meters);
    }

    static String peer(String name, String url, String role) {
        return "{ \"name\": \"%s\", \"url\": \"%s\", \"role\": \"%s\" }".formatted(name, url, role);
    }

    HaLeaseUpdates hotStandby(String partnerUrl) {
        HaLeaseUpdates u = updates("hot-standby", "", HaLeaseUpdates.Transport.DEFAULT, peer("server2", partnerUrl, "standby"));
        u.mode(HaLeaseUpdates.Mode.SEND);
        return u;
    }

    static Lease lease(String address, int state) {
        return new Lease(Ipv4.parse(address), "0e:00:00:00:00:01", null, 3600, 1_800_000_000L, 1, 0, false, false,
                null, state, null);
    }

    static LeaseChanges dhcp(String... addresses) {
        List<LeaseChange> changes = new ArrayList<>();
        for (String a : addresses) {
            changes.add(new LeaseChange(LeaseChange.Kind.ADDED, lease(a, 0), LeaseChange.Origin.DHCP));
        }
        return new LeaseChanges(LeaseChange.Origin.DHCP, changes);
    }

    static void acked(java.util.concurrent.CompletionStage<Void> done) throws Exception {
        done.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    double counter(String name, String peer) {
        return meters.get(name).tag("peer", peer).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void sendsDhcpChangesAsKeasLeaseCommandsAndCompletesWhenAllAreAcked() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = hotStandby(partner.url());
        acked(u.changed(new LeaseChanges(LeaseChange.Origin.DHCP, List.of(
                new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0), LeaseChange.Origin.DHCP),
                new LeaseChange(LeaseChange.Kind.DELETED, lease("192.0.2.11", 0), LeaseChange.Origin.DHCP),
                new LeaseChange(LeaseChange.Kind.DELETED, lease("192.0.2.12", 3), LeaseChange.Origin.DHCP)))));
        assertThat(partner.received).extracting(n -> n.get("command").asString())
                .containsExactlyInAnyOrder("lease4-update", "lease4-del", "lease4-update");
        JsonNode update = partner.received.stream().filter(n -> n.at("/arguments/ip-address").asString().equals("192.0.2.10"))
                .findFirst().orElseThrow();
        assertThat(update.at("/arguments/force-create").asBoolean()).isTrue();
        assertThat(update.at("/arguments/origin").asString()).isEqualTo("ha-partner");
        assertThat(update.at("/arguments/expire").asLong()).isEqualTo(1_800_003_600L);
        assertThat(update.at("/arguments").has("cltt")).isFalse();
        assertThat(update.at("/arguments").has("pool-id")).isFalse();
        assertThat(update.get("service").get(0).asString()).isEqualTo("dhcp4");
        JsonNode outcome = u.collect();
        assertThat(outcome.get("acked").asLong()).isEqualTo(3);
        assertThat(outcome.get("communication-failed").asBoolean()).isFalse();
        assertThat(counter("ha.lease.updates.sent", "server2")).isEqualTo(3);
        assertThat(counter("ha.lease.updates.acked", "server2")).isEqualTo(3);
        assertThat(meters.get("ha.lease.update").tag("peer", "server2").timer().count()).isEqualTo(3);
    }

    @Test
    void neverSendsChangesThatDidNotComeFromDhcpTrafficAndCountsTransactionsNotSentAsUnsent() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = hotStandby(partner.url());
        assertThat(u.changed(new LeaseChanges(LeaseChange.Origin.HA_PARTNER, List.of(
                new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0), LeaseChange.Origin.HA_PARTNER)))))
                .isNull();
        assertThat(u.changed(new LeaseChanges(LeaseChange.Origin.COMMAND, List.of(
                new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0), LeaseChange.Origin.COMMAND)))))
                .isNull();
        u.mode(HaLeaseUpdates.Mode.OFF);
        assertThat(u.changed(dhcp("192.0.2.10", "192.0.2.11"))).isNull();
        assertThat(partner.received).isEmpty();
        assertThat(u.collect().get("unsent-update-count").asLong()).as("one transaction").isEqualTo(1);
    }

    @Test
    void aConflictFailsTheBatchAndNamesTheClientForMaxRejectedLeaseUpdates() throws Exception {
        Partner partner = new Partner();
        partner.answer = 4;
        HaLeaseUpdates u = hotStandby(partner.url());
        var done = u.changed(dhcp("192.0.2.10")).toCompletableFuture();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).hasMessageContaining("answered 4");
        JsonNode outcome = u.collect();
        assertThat(outcome.get("rejected-clients").get(0).asString()).isEqualTo("0e:00:00:00:00:01/");
        assertThat(outcome.get("communication-failed").asBoolean()).isFalse();
        assertThat(meters.get("ha.lease.updates.failed").tag("reason", "conflict").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailureNamesTheChangesItConcernsSoOnlyTheirRepliesAreDropped() throws Exception {
        Partner partner = new Partner();
        partner.conflictFor = "192.0.2.2";
        HaLeaseUpdates u = hotStandby(partner.url());
        var done = u.changed(dhcp("192.0.2.1", "192.0.2.2", "192.0.2.3")).toCompletableFuture();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(io.dhcpsuite.lease.store.ChangesNotAcknowledged.class, e -> {
                    assertThat(e.anyFailed(0, 1)).isFalse();
                    assertThat(e.anyFailed(1, 2)).isTrue();
                    assertThat(e.anyFailed(2, 3)).isFalse();
                    assertThat(e).hasMessageContaining("192.0.2.2 answered 4");
                });
        assertThat(partner.received).hasSize(3);
    }

    @Test
    void anUnreachablePartnerFailsTheBatchAndIsReportedAsACommunicationFailure() throws Exception {
        HaLeaseUpdates u = hotStandby(closedUrl());
        var done = u.changed(dhcp("192.0.2.10")).toCompletableFuture();
        assertThatThrownBy(() -> done.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(u.collect().get("communication-failed").asBoolean()).isTrue();
        assertThat(u.collect().get("communication-failed").asBoolean()).as("reported once").isFalse();
        assertThat(meters.get("ha.lease.updates.failed").tag("reason", "communication").counter().count()).isEqualTo(1);
    }

    @Test
    void manyConcurrentUpdatesShareAFewKeepAliveConnections() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = updates("hot-standby", "", new HaLeaseUpdates.Transport(4, 1000, Duration.ofSeconds(10)),
                peer("server2", partner.url(), "standby"));
        u.mode(HaLeaseUpdates.Mode.SEND);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                all.add(u.changed(dhcp("192.0.2." + (i + 1), "198.18.0." + (i + 1))).toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertThat(partner.received).hasSize(600);
        // a new connection per update would be 600; the bound is 4 at a time, reused across rounds
        // (plus the one the lease4-bulk-apply question may have opened beside the first update)
        assertThat(partner.connections).hasSizeBetween(1, 5);
        assertThat(partner.probes).as("asked once whether it takes lease4-bulk-apply").hasSize(1);
        // the last connection is handed back just after its acknowledgement completed the batch
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> u.collect().get("pending").asInt() == 0);
    }

    @Test
    void aSlowPartnerFailsUpdatesBeyondTheQueueAtOnceAndTheRestWhenAnswered() throws Exception {
        Partner partner = new Partner();
        partner.hold = new CountDownLatch(1);
        HaLeaseUpdates u = updates("hot-standby", "", new HaLeaseUpdates.Transport(2, 3, Duration.ofSeconds(20)),
                peer("server2", partner.url(), "standby"));
        u.mode(HaLeaseUpdates.Mode.SEND);
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            accepted.add(u.changed(dhcp("192.0.2." + i)).toCompletableFuture());
        }
        var refused = u.changed(dhcp("192.0.2.6")).toCompletableFuture();
        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).hasMessageContaining("not sent to server2")
                .hasMessageContaining("3 updates already wait for 2 connections");
        assertThat(accepted).noneMatch(CompletableFuture::isDone);
        assertThat(u.collect().get("communication-failed").asBoolean()).as("the partner answers, slowly").isFalse();
        partner.hold.countDown();
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(partner.received).hasSize(5);
        assertThat(meters.get("ha.lease.updates.failed").tag("reason", "busy").counter().count()).isEqualTo(1);
    }

    @Test
    void anUpdateThatWaitedOutItsTimeIsNeverSent() throws Exception {
        Partner partner = new Partner();
        partner.hold = new CountDownLatch(1);
        HaLeaseUpdates u = updates("hot-standby", "", new HaLeaseUpdates.Transport(1, 10, Duration.ofMillis(400)),
                peer("server2", partner.url(), "standby"));
        u.mode(HaLeaseUpdates.Mode.SEND);
        var first = u.changed(dhcp("192.0.2.1")).toCompletableFuture();
        var second = u.changed(dhcp("192.0.2.2")).toCompletableFuture();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasMessageContaining("failed");
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasMessageContaining("not sent")
                .hasMessageContaining("waited 400 ms");
        partner.hold.countDown();
        assertThat(partner.received).as("only the first went on the wire").hasSize(1);
        assertThat(u.collect().get("communication-failed").asBoolean()).as("the first timed out on the wire").isTrue();
    }

    @Test
    void backupsGetEveryUpdateBestEffortWithoutGatingTheReply() throws Exception {
        Partner partner = new Partner();
        Partner backup = new Partner();
        HaLeaseUpdates u = updates("hot-standby", "", HaLeaseUpdates.Transport.DEFAULT,
                peer("server2", partner.url(), "standby"), peer("backup1", backup.url(), "backup"),
                peer("backup2", closedUrl(), "backup"));
        u.mode(HaLeaseUpdates.Mode.SEND);
        acked(u.changed(dhcp("192.0.2.10")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(backup.received).hasSize(1);
            assertThat(counter("ha.lease.updates.failed", "backup2")).isEqualTo(1);
        });
        assertThat(backup.received.getFirst().at("/arguments/ip-address").asString()).isEqualTo("192.0.2.10");
        JsonNode backups = u.collect().get("backups");
        assertThat(backups.get(0).get("acked").asLong()).isEqualTo(1);
        assertThat(backups.get(1).get("failed").asLong()).isEqualTo(1);
        // in partner-down the partner gets nothing, the backups still do (Kea)
        u.mode(HaLeaseUpdates.Mode.OFF);
        u.changed(dhcp("192.0.2.11"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> backup.received.size() == 2);
        assertThat(partner.received).hasSize(1);
    }

    @Test
    void passiveBackupSendsToBackupsAndWaitsForThemOnlyWithWaitBackupAck() throws Exception {
        Partner backup = new Partner();
        HaLeaseUpdates best = updates("passive-backup", "", HaLeaseUpdates.Transport.DEFAULT,
                peer("backup1", backup.url(), "backup"), peer("backup2", closedUrl(), "backup"));
        assertThat(best.active()).isTrue();
        assertThat(best.changed(dhcp("192.0.2.10"))).as("not gated").isNull();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> backup.received.size() == 1);
        assertThat(best.collect().get("unsent-update-count").asLong()).as("no partner to miss updates").isZero();

        HaLeaseUpdates waiting = updates("passive-backup", ", \"wait-backup-ack\": true", HaLeaseUpdates.Transport.DEFAULT,
                peer("backup1", backup.url(), "backup"));
        acked(waiting.changed(dhcp("192.0.2.11")));
        assertThat(backup.received).hasSize(2);
        HaLeaseUpdates failing = updates("passive-backup", ", \"wait-backup-ack\": true", HaLeaseUpdates.Transport.DEFAULT,
                peer("backup1", backup.url(), "backup"), peer("backup2", closedUrl(), "backup"));
        var done = failing.changed(dhcp("192.0.2.12")).toCompletableFuture();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).hasMessageContaining("backup2");
    }

    @Test
    void aBackupServerSendsNothing() throws Exception {
        Partner primary = new Partner();
        String config = """
                { "Dhcp4": { "hooks-libraries": [ { "library": "/k/libdhcp_ha.so", "parameters": { "high-availability": [
                  { "this-server-name": "backup1", "mode": "passive-backup", "peers": [
                    { "name": "server1", "url": "%s", "role": "primary" },
                    { "name": "backup1", "url": "http://127.0.0.1:1/", "role": "backup" } ] } ] } } ] } }
                """.formatted(primary.url());
        HaLeaseUpdates u = HaLeaseUpdates.of(KeaConfigLoader.parse(config, null).dhcp4());
        assertThat(u.active()).isFalse();
        u.mode(HaLeaseUpdates.Mode.SEND);
        assertThat(u.changed(dhcp("192.0.2.10"))).isNull();
        assertThat(primary.received).isEmpty();
    }

    @Test
    void communicationRecoveryQueuesUpToTheLimitUngatedAndTheFlushSendsThemInOrder() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = updates("load-balancing", ", \"delayed-updates-limit\": 3", HaLeaseUpdates.Transport.DEFAULT,
                peer("server2", partner.url(), "secondary"));
        u.mode(HaLeaseUpdates.Mode.QUEUE);
        assertThat(u.changed(dhcp("192.0.2.1", "192.0.2.2"))).as("replies not gated").isNull();
        assertThat(u.changed(dhcp("192.0.2.3"))).isNull();
        assertThat(partner.received).isEmpty();
        JsonNode status = u.collect();
        assertThat(status.get("backlog").asInt()).isEqualTo(3);
        assertThat(status.get("backlog-overflowed").asBoolean()).isFalse();
        assertThat(status.get("unsent-update-count").asLong()).isZero();
        assertThat(u.flushBacklog().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(partner.received).extracting(n -> n.at("/arguments/ip-address").asString())
                .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
        assertThat(u.mode()).as("what comes next is sent, gated").isEqualTo(HaLeaseUpdates.Mode.SEND);
        assertThat(u.changed(dhcp("192.0.2.4"))).isNotNull();
    }

    @Test
    void aBacklogBeyondDelayedUpdatesLimitOverflowsAndIsNeverFlushed() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = updates("load-balancing", ", \"delayed-updates-limit\": 2", HaLeaseUpdates.Transport.DEFAULT,
                peer("server2", partner.url(), "secondary"));
        u.mode(HaLeaseUpdates.Mode.QUEUE);
        u.changed(dhcp("192.0.2.1", "192.0.2.2", "192.0.2.3"));
        assertThat(u.collect().get("backlog-overflowed").asBoolean()).isTrue();
        assertThat(u.flushBacklog().get(10, TimeUnit.SECONDS)).as("the partner must synchronise instead").isFalse();
        assertThat(partner.received).isEmpty();
        u.mode(HaLeaseUpdates.Mode.OFF);
        JsonNode status = u.collect();
        assertThat(status.get("backlog").asInt()).as("leaving communication-recovery drops it").isZero();
        assertThat(status.get("backlog-overflowed").asBoolean()).isFalse();
    }

    @Test
    void aFlushStopsAtTheFirstFailure() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = updates("load-balancing", "", HaLeaseUpdates.Transport.DEFAULT,
                peer("server2", partner.url(), "secondary"));
        u.mode(HaLeaseUpdates.Mode.QUEUE);
        u.changed(dhcp("192.0.2.1", "192.0.2.2"));
        partner.answer = 1;
        assertThat(u.flushBacklog().get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(partner.received).hasSize(1);
        assertThat(u.mode()).isEqualTo(HaLeaseUpdates.Mode.QUEUE);
    }

    @Test
    void haServiceDrivesTheModesAndTheFlushThroughCommands() throws Exception {
        Partner partner = new Partner();
        HaLeaseUpdates u = updates("load-balancing", "", HaLeaseUpdates.Transport.DEFAULT,
                peer("server2", partner.url(), "secondary"));
        io.dhcpsuite.api.command.CommandDispatcher d = new io.dhcpsuite.api.command.CommandDispatcher();
        HaLeaseUpdateCommands.register(d, u);
        var set = d.dispatch(io.dhcpsuite.api.command.CommandRequest.of("ha-lease-updates-set",
                JSON.readTree("{\"send\": false, \"queue\": true}")));
        assertThat(set.result()).isZero();
        assertThat(set.text()).isEqualTo("HA lease updates to the partner: queue.");
        u.changed(dhcp("192.0.2.1"));
        var status = d.dispatch(io.dhcpsuite.api.command.CommandRequest.of("ha-lease-updates-status", null));
        assertThat(status.arguments().get("mode").asString()).isEqualTo("queue");
        assertThat(status.arguments().get("backlog").asInt()).isEqualTo(1);
        var flush = d.dispatch(io.dhcpsuite.api.command.CommandRequest.of("ha-lease-updates-flush", null));
        assertThat(flush.result()).as(flush.text()).isZero();
        assertThat(partner.received).hasSize(1);
        partner.server.stop(0);
        d.dispatch(io.dhcpsuite.api.command.CommandRequest.of("ha-lease-updates-set", JSON.readTree("{\"queue\": true}")));
        u.changed(dhcp("192.0.2.2"));
        var failed = d.dispatch(io.dhcpsuite.api.command.CommandRequest.of("ha-lease-updates-flush", null));
        assertThat(failed.result()).isEqualTo(1);
        assertThat(failed.text()).contains("not sent");
    }
}
