package io.dhcpsuite.lease.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.v6.Lease6Change;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DHCPv6 lease updates (a Dhcp6 section's relationship) to partners played by real HTTP listeners
 * answering as Kea's lease_cmds answers {@code lease6-bulk-apply}, {@code lease6-update} and
 * {@code lease6-del}.
 */
class HaLeaseUpdates6Test {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<HttpServer> servers = new ArrayList<>();

    /** A partner's HA listener. {@code bulk}: whether it knows lease6-bulk-apply; {@code failAddress}: one it reports failed with result 4. */
    final class Partner {
        final HttpServer server;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile boolean bulk = true;
        volatile String failAddress;
        /** How long a lease6-update is held before it counts as received. */
        volatile long updateDelayMillis;

        Partner() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", ex -> {
                JsonNode c = JSON.readTree(ex.getRequestBody().readAllBytes());
                if (c.path("command").asString().equals("lease6-update") && updateDelayMillis > 0) {
                    try {
                        Thread.sleep(updateDelayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.add(c);
                ObjectNode answer = JSON.createObjectNode();
                String command = c.path("command").asString();
                if (command.equals("lease6-bulk-apply") && !bulk) {
                    answer.put("result", 2).put("text", "'lease6-bulk-apply' command not supported.");
                } else if (command.equals("lease6-bulk-apply")) {
                    answer.put("result", 0).put("text", "Bulk apply of n IPv6 leases completed.");
                    for (JsonNode l : c.at("/arguments/leases")) {
                        if (l.path("ip-address").asString().equals(failAddress)) {
                            ArrayNode f = answer.putObject("arguments").putArray("failed-leases");
                            f.addObject().put("ip-address", failAddress).put("type", "IA_NA").put("result", 4)
                                    .put("error-message", "conflict");
                        }
                    }
                } else {
                    answer.put("result", 0).put("text", "IPv6 lease updated.");
                }
                byte[] body = JSON.createArrayNode().add(answer).toString().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            servers.add(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    static HaLeaseUpdates hotStandby(String partnerUrl) {
        String config = """
                { "Dhcp6": { "hooks-libraries": [ { "library": "/k/libdhcp_ha.so", "parameters": { "high-availability": [
                  { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                    { "name": "server1", "url": "http://127.0.0.1:1/", "role": "primary" },
                    { "name": "server2", "url": "%s", "role": "standby" } ] } ] } } ] } }
                """.formatted(partnerUrl);
        var ha = HaConfigParser.fromDhcp6Hooks(KeaConfigLoader.parse(config, null).dhcp6().hooksLibraries());
        HaLeaseUpdates u = HaLeaseUpdates.of6(ha.relationships().getFirst(), HaLeaseUpdates.Transport.DEFAULT,
                new SimpleMeterRegistry());
        u.mode(HaLeaseUpdates.Mode.SEND);
        return u;
    }

    static Lease6 lease(String address, String duid, int state) {
        return new Lease6(address, "IA_NA", 128, duid, 7, 1, null, 3000, 4000, 1_800_000_000L, null, false, false,
                "", state, null);
    }

    static Lease6Change change(LeaseChange.Kind kind, Lease6 l) {
        return new Lease6Change(kind, l, LeaseChange.Origin.DHCP);
    }

    static void acked(CompletionStage<Void> done) throws Exception {
        done.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void oneTransactionGoesAsOneKeaLease6BulkApplyWithExpireAndTheRepliesWaitForIt() throws Exception {
        Partner p = new Partner();
        HaLeaseUpdates u = hotStandby(p.url());
        acked(u.changed6(List.of(
                change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0)),
                change(LeaseChange.Kind.DELETED, lease("2001:db8:1::11", "01:02:04", 0)),
                change(LeaseChange.Kind.DELETED, lease("2001:db8:1::12", "01:02:05", 3)))));
        assertThat(p.received).hasSize(1);
        JsonNode c = p.received.getFirst();
        assertThat(c.path("command").asString()).isEqualTo("lease6-bulk-apply");
        assertThat(c.path("service").get(0).asString()).isEqualTo("dhcp6");
        assertThat(c.at("/arguments/origin").asString()).isEqualTo("ha-partner");
        JsonNode added = c.at("/arguments/leases/0");
        assertThat(added.path("ip-address").asString()).isEqualTo("2001:db8:1::10");
        assertThat(added.path("expire").asLong()).as("Kea's expire = cltt + valid-lft").isEqualTo(1_800_004_000L);
        assertThat(added.has("cltt")).isFalse();
        assertThat(added.has("prefix-len")).as("Lease6::toElement has prefix-len for prefixes only").isFalse();
        assertThat(added.has("pool-id")).as("no nulls for Kea 2.2's parser").isFalse();
        // a released lease is an update, as Kea's HA sends it; a deleted one goes in deleted-leases
        assertThat(c.at("/arguments/leases/1/ip-address").asString()).isEqualTo("2001:db8:1::12");
        assertThat(c.at("/arguments/deleted-leases").size()).isEqualTo(1);
        assertThat(c.at("/arguments/deleted-leases/0/ip-address").asString()).isEqualTo("2001:db8:1::11");
        assertThat(u.collect().path("acked").asLong()).isEqualTo(3);
    }

    @Test
    void aLeaseThePartnerFailedDropsOnlyItsReplyAndCountsItsDuid() throws Exception {
        Partner p = new Partner();
        p.failAddress = "2001:db8:1::11";
        HaLeaseUpdates u = hotStandby(p.url());
        CompletionStage<Void> done = u.changed6(List.of(
                change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0)),
                change(LeaseChange.Kind.ADDED, lease("2001:db8:1::11", "01:02:04", 0))));
        assertThatThrownBy(() -> acked(done)).isInstanceOf(ExecutionException.class)
                .satisfies(e -> {
                    ChangesNotAcknowledged n = (ChangesNotAcknowledged) e.getCause();
                    assertThat(n.anyFailed(0, 1)).isFalse();
                    assertThat(n.anyFailed(1, 2)).isTrue();
                });
        JsonNode status = u.collect();
        assertThat(status.path("rejected-clients").get(0).asString()).isEqualTo("01:02:04");
    }

    @Test
    void aPartnerWithoutLease6BulkApplyGetsLease6UpdateAndLease6Del() throws Exception {
        Partner p = new Partner();
        p.bulk = false;
        HaLeaseUpdates u = hotStandby(p.url());
        acked(u.changed6(List.of(change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0)),
                change(LeaseChange.Kind.DELETED, lease("2001:db8:1::11", "01:02:04", 0)))));
        List<String> commands = p.received.stream().map(c -> c.path("command").asString()).toList();
        assertThat(commands.getFirst()).isEqualTo("lease6-bulk-apply");
        // two addresses, two connections: either may arrive first
        assertThat(commands.subList(1, commands.size())).containsExactlyInAnyOrder("lease6-update", "lease6-del");
        JsonNode update = p.received.stream().filter(c -> c.path("command").asString().equals("lease6-update"))
                .findFirst().orElseThrow();
        assertThat(update.at("/arguments/force-create").asBoolean()).isTrue();
        assertThat(update.at("/arguments/origin").asString()).isEqualTo("ha-partner");
        assertThat(update.path("service").get(0).asString()).isEqualTo("dhcp6");
    }

    @Test
    void aDeletionWaitsForTheUpdateOfItsAddressThatIsInFlight() throws Exception {
        Partner p = new Partner();
        p.bulk = false;
        HaLeaseUpdates u = hotStandby(p.url());
        acked(u.changed6(List.of(change(LeaseChange.Kind.ADDED, lease("2001:db8:1::9", "01:02:02", 0)))));
        p.received.clear();
        p.updateDelayMillis = 300;
        CompletionStage<Void> updated = u.changed6(List.of(change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0))));
        CompletionStage<Void> deleted = u.changed6(List.of(change(LeaseChange.Kind.DELETED, lease("2001:db8:1::10", "01:02:03", 0))));
        acked(updated);
        acked(deleted);
        assertThat(p.received.stream().map(c -> c.path("command").asString()).toList())
                .as("on another connection the deletion would reach the partner first and leave it the lease")
                .containsExactly("lease6-update", "lease6-del");
    }

    @Test
    void anUnreachablePartnerFailsTheTransactionAndIsReported() throws Exception {
        HaLeaseUpdates u = hotStandby(HaLeaseUpdatesTest.closedUrl());
        CompletionStage<Void> done = u.changed6(List.of(change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0))));
        assertThatThrownBy(() -> acked(done)).isInstanceOf(ExecutionException.class);
        assertThat(u.collect().path("communication-failed").asBoolean()).isTrue();
    }

    @Test
    void nothingIsSentWhileOffButCountedAndNothingReceivedGoesBack() throws Exception {
        Partner p = new Partner();
        HaLeaseUpdates u = hotStandby(p.url());
        assertThat(u.changed6(List.of(new Lease6Change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0),
                LeaseChange.Origin.HA_PARTNER)))).isNull();
        u.mode(HaLeaseUpdates.Mode.OFF);
        assertThat(u.changed6(List.of(change(LeaseChange.Kind.ADDED, lease("2001:db8:1::10", "01:02:03", 0))))).isNull();
        assertThat(u.collect().path("unsent-update-count").asLong()).isEqualTo(1);
        assertThat(p.received).isEmpty();
    }
}
