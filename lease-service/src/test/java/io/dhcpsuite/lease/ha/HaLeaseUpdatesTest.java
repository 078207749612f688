package io.dhcpsuite.lease.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lease updates to a partner played by a real HTTP listener answering in Kea's envelope. */
class HaLeaseUpdatesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile int answer;
    private HttpServer partner;

    HaLeaseUpdates updates(boolean partnerListening) throws Exception {
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        partner.createContext("/", ex -> {
            received.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            byte[] body = ("[ { \"result\": " + answer + ", \"text\": \"x\" } ]").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        int port = partner.getAddress().getPort();
        if (partnerListening) {
            partner.start();
        } else {
            // a port nothing listens on: connections are refused at once
            partner.stop(0);
            try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                port = closed.getLocalPort();
            }
        }
        String config = """
                { "Dhcp4": { "hooks-libraries": [ { "library": "/k/libdhcp_ha.so", "parameters": { "high-availability": [
                  { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                    { "name": "server1", "url": "http://127.0.0.1:1/", "role": "primary" },
                    { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby" } ] } ] } } ] } }
                """.formatted(port);
        HaLeaseUpdates u = HaLeaseUpdates.of(KeaConfigLoader.parse(config, null).dhcp4());
        u.sending(true);
        return u;
    }

    @AfterEach
    void stop() {
        if (partner != null) {
            partner.stop(0);
        }
    }

    static Lease lease(String address, int state) {
        return new Lease(Ipv4.parse(address), "0e:00:00:00:00:01", null, 3600, 1_800_000_000L, 1, 0, false, false,
                null, state, null);
    }

    static LeaseChanges dhcp(LeaseChange... changes) {
        return new LeaseChanges(LeaseChange.Origin.DHCP, List.of(changes));
    }

    @Test
    void sendsDhcpChangesAsKeasLeaseCommandsAndCompletesWhenAllAreAcked() throws Exception {
        HaLeaseUpdates u = updates(true);
        u.changed(dhcp(new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0), LeaseChange.Origin.DHCP),
                new LeaseChange(LeaseChange.Kind.DELETED, lease("192.0.2.11", 0), LeaseChange.Origin.DHCP),
                new LeaseChange(LeaseChange.Kind.DELETED, lease("192.0.2.12", 3), LeaseChange.Origin.DHCP)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(received).extracting(n -> n.get("command").asString())
                .containsExactlyInAnyOrder("lease4-update", "lease4-del", "lease4-update");
        JsonNode update = received.stream().filter(n -> n.at("/arguments/ip-address").asString().equals("192.0.2.10"))
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
    }

    @Test
    void neverSendsChangesThatDidNotComeFromDhcpTrafficNorWhenTurnedOff() throws Exception {
        HaLeaseUpdates u = updates(true);
        assertThat(u.changed(new LeaseChanges(LeaseChange.Origin.HA_PARTNER, List.of(
                new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0), LeaseChange.Origin.HA_PARTNER)))))
                .isNull();
        assertThat(u.changed(new LeaseChanges(LeaseChange.Origin.COMMAND, List.of(
                new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0), LeaseChange.Origin.COMMAND)))))
                .isNull();
        u.sending(false);
        assertThat(u.changed(dhcp(new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0),
                LeaseChange.Origin.DHCP)))).isNull();
        assertThat(received).isEmpty();
    }

    @Test
    void aConflictFailsTheBatchAndNamesTheClientForMaxRejectedLeaseUpdates() throws Exception {
        HaLeaseUpdates u = updates(true);
        answer = 4;
        var done = u.changed(dhcp(new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0),
                LeaseChange.Origin.DHCP))).toCompletableFuture();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).hasMessageContaining("answered 4");
        JsonNode outcome = u.collect();
        assertThat(outcome.get("rejected-clients").get(0).asString()).isEqualTo("0e:00:00:00:00:01/");
        assertThat(outcome.get("communication-failed").asBoolean()).isFalse();
    }

    @Test
    void anUnreachablePartnerFailsTheBatchAndIsReportedAsACommunicationFailure() throws Exception {
        HaLeaseUpdates u = updates(false);
        var done = u.changed(dhcp(new LeaseChange(LeaseChange.Kind.ADDED, lease("192.0.2.10", 0),
                LeaseChange.Origin.DHCP))).toCompletableFuture();
        assertThatThrownBy(() -> done.get(15, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class);
        assertThat(u.collect().get("communication-failed").asBoolean()).isTrue();
        assertThat(u.collect().get("communication-failed").asBoolean()).as("reported once").isFalse();
    }
}
