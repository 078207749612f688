package io.dhcpsuite.lease.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hub's lease updates (Kea 2.5.5+ hub-and-spoke): each lease goes to the partner of the
 * relationship its subnet names in {@code user-context.ha-server-name}, played by real HTTP
 * listeners, and only the changes whose partner failed are not acknowledged.
 */
class HaLeaseUpdateRelationshipsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<HttpServer> servers = new ArrayList<>();

    /**
     * A spoke's HA listener: records the addresses it receives, answers {@code answer}; the
     * suite's lease4-bulk-apply question gets Kea's answer to an unknown command (2), so the
     * updates come one lease per command.
     */
    final class Spoke {
        final HttpServer server;
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile int answer;

        Spoke() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", ex -> {
                JsonNode command = JSON.readTree(ex.getRequestBody().readAllBytes());
                int result = answer;
                if (command.get("command").asString().equals("lease4-bulk-apply")) {
                    result = 2;
                } else {
                    received.add(command.at("/arguments/ip-address").asString());
                }
                byte[] body = ("[ { \"result\": " + result + ", \"text\": \"x\" } ]").getBytes(StandardCharsets.UTF_8);
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

    static HaLeaseUpdateRelationships hub(Spoke a, Spoke b) {
        String config = """
                { "Dhcp4": {
                  "subnet4": [
                    { "id": 1, "subnet": "198.19.0.0/24", "user-context": { "ha-server-name": "hub-a" } },
                    { "id": 2, "subnet": "198.19.1.0/24", "user-context": { "ha-server-name": "spoke-b" } },
                    { "id": 3, "subnet": "198.19.2.0/24" } ],
                  "hooks-libraries": [ { "library": "/k/libdhcp_ha.so", "parameters": { "high-availability": [
                    { "this-server-name": "hub-a", "mode": "hot-standby", "peers": [
                      { "name": "hub-a", "url": "http://127.0.0.1:1/", "role": "primary" },
                      { "name": "spoke-a", "url": "%s", "role": "standby" } ] },
                    { "this-server-name": "hub-b", "mode": "hot-standby", "peers": [
                      { "name": "hub-b", "url": "http://127.0.0.1:2/", "role": "primary" },
                      { "name": "spoke-b", "url": "%s", "role": "standby" } ] } ] } } ] } }
                """.formatted(a.url(), b.url());
        return HaLeaseUpdateRelationships.of(KeaConfigLoader.parse(config, null).dhcp4(),
                HaLeaseUpdates.Transport.DEFAULT, new SimpleMeterRegistry());
    }

    static LeaseChanges dhcp(String... addressAndSubnet) {
        List<LeaseChange> changes = new ArrayList<>();
        for (String s : addressAndSubnet) {
            String[] p = s.split("@");
            Lease l = new Lease(Ipv4.parse(p[0]), "0e:00:00:00:00:01", null, 3600, 1_800_000_000L, Long.parseLong(p[1]), 0,
                    false, false, null, 0, null);
            changes.add(new LeaseChange(LeaseChange.Kind.ADDED, l, LeaseChange.Origin.DHCP));
        }
        return new LeaseChanges(LeaseChange.Origin.DHCP, changes);
    }

    @Test
    void eachLeaseGoesToTheSpokeOfItsSubnetOnly() throws Exception {
        Spoke a = new Spoke();
        Spoke b = new Spoke();
        HaLeaseUpdateRelationships hub = hub(a, b);
        assertThat(hub.active()).isTrue();
        hub.relationship("hub-a").mode(HaLeaseUpdates.Mode.SEND);
        hub.relationship("spoke-b").mode(HaLeaseUpdates.Mode.SEND);
        hub.changed(dhcp("198.19.0.10@1", "198.19.1.10@2", "198.19.2.10@3", "198.19.0.11@1"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(a.received).containsExactlyInAnyOrder("198.19.0.10", "198.19.0.11");
        assertThat(b.received).containsExactly("198.19.1.10");
    }

    @Test
    void onlyTheChangesOfTheFailingRelationshipAreNotAcknowledged() throws Exception {
        Spoke a = new Spoke();
        Spoke b = new Spoke();
        b.answer = 1;
        HaLeaseUpdateRelationships hub = hub(a, b);
        hub.relationship("hub-a").mode(HaLeaseUpdates.Mode.SEND);
        hub.relationship("hub-b").mode(HaLeaseUpdates.Mode.SEND);
        var stage = hub.changed(dhcp("198.19.0.10@1", "198.19.1.10@2", "198.19.0.11@1")).toCompletableFuture();
        assertThatThrownBy(() -> stage.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ChangesNotAcknowledged.class);
        ChangesNotAcknowledged n = (ChangesNotAcknowledged) stage.exceptionNow();
        assertThat(n.anyFailed(0, 1)).isFalse();
        assertThat(n.anyFailed(1, 2)).isTrue();
        assertThat(n.anyFailed(2, 3)).isFalse();
    }

    @Test
    void aRelationshipNotSendingCountsItsOwnUnsentUpdates() throws Exception {
        Spoke a = new Spoke();
        Spoke b = new Spoke();
        HaLeaseUpdateRelationships hub = hub(a, b);
        hub.relationship("hub-a").mode(HaLeaseUpdates.Mode.SEND);
        // relationship B is off (its spoke down: partner-down)
        hub.changed(dhcp("198.19.0.10@1", "198.19.1.10@2")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(a.received).containsExactly("198.19.0.10");
        assertThat(b.received).isEmpty();
        assertThat(hub.relationship("spoke-b").collect().path("unsent-update-count").asLong()).isEqualTo(1);
        assertThat(hub.relationship("spoke-a").collect().path("unsent-update-count").asLong()).isZero();
    }

    @Test
    void theInternalCommandsTakeServerName() throws Exception {
        Spoke a = new Spoke();
        Spoke b = new Spoke();
        HaLeaseUpdateRelationships hub = hub(a, b);
        CommandDispatcher d = new CommandDispatcher();
        HaLeaseUpdateCommands.register(d, hub);
        CommandResponse set = d.dispatch(CommandRequest.of("ha-lease-updates-set",
                JSON.readTree("{\"send\": true, \"server-name\": \"spoke-b\"}")));
        assertThat(set.result()).isZero();
        assertThat(hub.relationship("hub-b").mode()).isEqualTo(HaLeaseUpdates.Mode.SEND);
        assertThat(hub.relationship("hub-a").mode()).isEqualTo(HaLeaseUpdates.Mode.OFF);
        CommandResponse unknown = d.dispatch(CommandRequest.of("ha-lease-updates-status",
                JSON.readTree("{\"server-name\": \"spoke-c\"}")));
        assertThat(unknown.result()).isEqualTo(1);
        assertThat(unknown.text()).contains("spoke-c");
    }
}
