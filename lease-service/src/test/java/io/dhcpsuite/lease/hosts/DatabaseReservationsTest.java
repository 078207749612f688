package io.dhcpsuite.lease.hosts;

import static io.dhcpsuite.api.lease.LeaseOp4.Kind.OFFER;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.REQUEST;
import static io.dhcpsuite.lease.TestSupport.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a database reservation does to allocation, with no reload: it takes effect for the next
 * operation, it is kept from other clients, it survives a restart (loaded from the database), and
 * an address another client holds is Kea's reservation conflict.
 */
class DatabaseReservationsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final io.dhcpsuite.config.LeaseDatabase db = HostsPostgres.freshDatabase();
    private AllocationEngine engine;
    private HostStore store;
    private CommandDispatcher commands;

    @BeforeEach
    void open() {
        start();
    }

    private void start() {
        engine = TestSupport.engine(TestSupport.config(), clock);
        store = HostStore.open(List.of(db), null, engine);
        commands = new CommandDispatcher();
        HostCommands.register(commands, engine, store);
    }

    @AfterEach
    void close() {
        try {
            store.close();
        } finally {
            HostsPostgres.drop(db);
        }
    }

    private CommandResponse run(String command, String args) {
        JsonNode a = JSON.readTree(args);
        return commands.dispatch(CommandRequest.of(command, a));
    }

    private LeaseResult4 one(LeaseOp4 op) {
        return engine.apply(List.of(op)).results().get(0);
    }

    private void reserve(String hw, String ip) {
        CommandResponse r = run("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"" + hw
                + "\", \"ip-address\": \"" + ip + "\"}}");
        assertThat(r.result()).as(r.text()).isZero();
    }

    @Test
    void keepsADatabaseReservedAddressFromOtherClientsFromTheNextOperation() {
        reserve("0a:00:00:00:00:01", "192.0.2.16");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            LeaseResult4 r = one(op(REQUEST, String.format("02:00:00:00:00:%02x", i), null, false));
            assertThat(r.status()).isEqualTo(Status.ASSIGNED);
            seen.add(r.lease().ipAddress());
        }
        // pool .10-.19 less the file's .15 and the database's .16: eight addresses, then none
        assertThat(seen).doesNotContain("192.0.2.15", "192.0.2.16").hasSize(8);
        assertThat(one(op(REQUEST, "02:00:00:00:00:99", null, false)).status()).isEqualTo(Status.NO_ADDRESS);
        assertThat(one(op(REQUEST, "02:00:00:00:00:98", "192.0.2.16", true)).status()).isEqualTo(Status.NAK);
        // the reservation's client gets it when dhcp-service names it
        LeaseResult4 mine = one(op(REQUEST, "0a:00:00:00:00:01", null, false, "192.0.2.16", List.of(1L), List.of()));
        assertThat(mine.lease().ipAddress()).isEqualTo("192.0.2.16");
    }

    @Test
    void freesTheAddressWhenTheReservationIsDeleted() {
        reserve("0a:00:00:00:00:01", "192.0.2.16");
        assertThat(one(op(OFFER, "02:00:00:00:00:01", "192.0.2.16", false)).lease().ipAddress()).isNotEqualTo("192.0.2.16");
        assertThat(run("reservation-del", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.16\"}").text()).isEqualTo("Host deleted.");
        assertThat(one(op(OFFER, "02:00:00:00:00:02", "192.0.2.16", false)).lease().ipAddress()).isEqualTo("192.0.2.16");
    }

    @Test
    void countsAReservationConflictWhenAnotherClientHoldsTheAddress() {
        LeaseResult4 held = one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.17", true));
        assertThat(held.lease().ipAddress()).isEqualTo("192.0.2.17");
        reserve("0a:00:00:00:00:02", "192.0.2.17");
        LeaseResult4 r = one(op(OFFER, "0a:00:00:00:00:02", null, false, "192.0.2.17", List.of(1L), List.of()));
        assertThat(r.status()).isEqualTo(Status.ASSIGNED);
        assertThat(r.lease().ipAddress()).isNotEqualTo("192.0.2.17");
        assertThat(engine.stats().statistics().value("v4-reservation-conflicts")).isEqualTo(1);
        assertThat(engine.stats().statistics().value("subnet[1].v4-reservation-conflicts")).isEqualTo(1);
        // meanwhile it keeps the address it was offered (Kea's requestLease4 during a conflict)
        LeaseResult4 ack = one(op(REQUEST, "0a:00:00:00:00:02", r.lease().ipAddress(), true, "192.0.2.17",
                List.of(1L), List.of()));
        assertThat(ack.status()).isEqualTo(Status.ASSIGNED);
        assertThat(ack.lease().ipAddress()).isEqualTo(r.lease().ipAddress());
        // the holder may not renew an address now reserved for another client
        assertThat(one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.17", true)).status()).isEqualTo(Status.NAK);
    }

    @Test
    void loadsTheDatabaseReservationsAtStartUp() {
        reserve("0a:00:00:00:00:03", "192.0.2.18");
        store.close();
        start();
        assertThat(store.memory().byAddress(io.dhcpsuite.codec.Ipv4.parse("192.0.2.18")).hwAddress())
                .isEqualTo("0a:00:00:00:00:03");
        assertThat(one(op(REQUEST, "02:00:00:00:00:01", "192.0.2.18", true)).status()).isEqualTo(Status.NAK);
    }

    @Test
    void feedsTheChangesAfterAVersion() {
        JsonNode first = store.memory().changesSince("", 0);
        assertThat(first.get("reset").asBoolean()).isTrue();
        reserve("0a:00:00:00:00:04", "192.0.2.19");
        String epoch = first.get("epoch").asString();
        long v = first.get("version").asLong();
        JsonNode added = store.memory().changesSince(epoch, v);
        assertThat(added.get("reset").asBoolean()).isFalse();
        assertThat(added.get("hosts")).hasSize(1);
        assertThat(added.get("hosts").get(0).get("hw-address").asString()).isEqualTo("0a:00:00:00:00:04");
        run("reservation-del", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.19\"}");
        JsonNode deleted = store.memory().changesSince(epoch, added.get("version").asLong());
        assertThat(deleted.get("hosts")).isEmpty();
        assertThat(deleted.get("deleted")).hasSize(1);
    }
}
