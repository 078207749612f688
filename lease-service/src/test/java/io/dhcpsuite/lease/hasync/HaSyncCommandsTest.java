package io.dhcpsuite.lease.hasync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ha-sync-apply's sync rule, ha-sync-page's order, and the cursors beside the lease store. */
class HaSyncCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));
    private final List<LeaseChange> published = new ArrayList<>();
    private AllocationEngine engine;
    private CommandDispatcher d;
    private SyncCursors cursors;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        engine = TestSupport.engine(TestSupport.config(), clock, LeaseWriter.MEMORY_ONLY,
                List.of(changes -> {
                    published.addAll(changes.changes());
                    return null;
                }), List.of());
        cursors = SyncCursors.inMemory();
        d = new CommandDispatcher();
        HaSyncCommands.register(d, engine, cursors);
    }

    @Test
    void appliesAPageWithKeasRuleInOneTransactionOfOriginHaPartner() {
        engine.store().load(List.of(lease("192.0.2.11", "aa:00:00:00:00:11", 1000), lease("192.0.2.12", "aa:00:00:00:00:12", 3000)));

        CommandResponse r = cmd("ha-sync-apply", "{\"leases\": ["
                + json("192.0.2.10", "02:00:00:00:00:10", 2000) + ","   // absent here: added
                + json("192.0.2.11", "02:00:00:00:00:11", 2000) + ","   // ours older (1000): replaced
                + json("192.0.2.12", "02:00:00:00:00:12", 2000) + ","   // ours newer (3000): kept
                + "{\"ip-address\": \"192.0.2.13\", \"hw-address\": \"zz\", \"cltt\": 1, \"valid-lft\": 1, \"subnet-id\": 1}"
                + "]}");

        assertThat(r.result()).isEqualTo(ResultCode.SUCCESS);
        assertThat(r.text()).isEqualTo("2 IPv4 lease(s) applied, 1 kept, 1 skipped.");
        assertThat(r.arguments().path("added").asInt()).isEqualTo(1);
        assertThat(r.arguments().path("updated").asInt()).isEqualTo(1);
        assertThat(hw("192.0.2.10")).isEqualTo("02:00:00:00:00:10");
        assertThat(hw("192.0.2.11")).isEqualTo("02:00:00:00:00:11");
        assertThat(hw("192.0.2.12")).isEqualTo("aa:00:00:00:00:12");
        assertThat((Object) engine.store().read(v -> v.get(ip("192.0.2.13")))).isNull();
        // one transaction, never echoed to the partner (HaLeaseUpdates sends DHCP changes only)
        assertThat(published).hasSize(2).allMatch(c -> c.origin() == LeaseChange.Origin.HA_PARTNER);
    }

    @Test
    void equalClttKeepsOursAsKeaDoes() {
        engine.store().load(List.of(lease("192.0.2.11", "aa:00:00:00:00:11", 2000)));
        CommandResponse r = cmd("ha-sync-apply", "{\"leases\": [" + json("192.0.2.11", "02:00:00:00:00:11", 2000) + "]}");
        assertThat(r.text()).isEqualTo("0 IPv4 lease(s) applied, 1 kept, 0 skipped.");
        assertThat(hw("192.0.2.11")).isEqualTo("aa:00:00:00:00:11");
    }

    @Test
    void pagesInClttOrderAndAChangedLeaseMovesToTheEnd() {
        engine.store().load(List.of(lease("192.0.2.13", "aa:00:00:00:00:13", 1000), lease("192.0.2.10", "aa:00:00:00:00:10", 1000),
                lease("192.0.2.11", "aa:00:00:00:00:11", 500), lease("192.0.2.12", "aa:00:00:00:00:12", 2000)));

        CommandResponse first = cmd("ha-sync-page", "{\"limit\": 2}");
        assertThat(addresses(first)).containsExactly("192.0.2.11", "192.0.2.10");
        assertThat(first.arguments().path("now").asLong()).isEqualTo(1_800_000_000L);
        // while the walk is under way, 192.0.2.10 (already read) changes: it comes again, at the end
        engine.store().transact(LeaseChange.Origin.DHCP, tx -> tx.put(lease("192.0.2.10", "aa:00:00:00:00:10", 3000)));
        CommandResponse second = cmd("ha-sync-page", "{\"after\": {\"cltt\": 1000, \"ip-address\": \"192.0.2.10\"}, \"limit\": 10}");
        assertThat(addresses(second)).containsExactly("192.0.2.13", "192.0.2.12", "192.0.2.10");
        assertThat(addresses(cmd("ha-sync-page", "{\"after\": {\"cltt\": 3000, \"ip-address\": \"192.0.2.10\"}, \"limit\": 10}")))
                .isEmpty();
        // a key without an address starts at the first lease of that cltt
        assertThat(addresses(cmd("ha-sync-page", "{\"after\": {\"cltt\": 1000}, \"limit\": 10}")))
                .containsExactly("192.0.2.13", "192.0.2.12", "192.0.2.10");
        assertThat(cmd("ha-sync-page", "{\"limit\": 0}").text()).isEqualTo("'limit' must be an integer from 1 to 100000");
        assertThat(cmd("ha-sync-page", "{\"limit\": 1, \"after\": {\"cltt\": \"x\"}}").text())
                .isEqualTo("'after/cltt' must be a non-negative integer");
    }

    @Test
    void savesTheCursorWithThePageAndKeepsItAcrossARestart() throws Exception {
        Path leaseFile = dir.resolve("kea-leases4.csv");
        Files.writeString(leaseFile, "");
        cursors = SyncCursors.file(leaseFile, true);
        d = new CommandDispatcher();
        HaSyncCommands.register(d, engine, cursors);
        assertThat(cmd("ha-sync-cursor-get", "{\"partner\": \"server2\"}").result()).isEqualTo(ResultCode.EMPTY);
        assertThat(cmd("ha-sync-apply", "{\"leases\": [], \"cursor\": {\"cltt\": 1}}").text())
                .isEqualTo("'partner' is mandatory with 'cursor' and must be a server name");

        cmd("ha-sync-apply", "{\"leases\": [" + json("192.0.2.10", "02:00:00:00:00:10", 2000) + "], \"partner\": \"server2\","
                + " \"cursor\": {\"cltt\": 2000, \"ip-address\": \"192.0.2.10\", \"floor\": 1990}}");

        SyncCursor reread = SyncCursors.file(leaseFile, true).get("server2");
        assertThat(reread).isEqualTo(new SyncCursor(2000, ip("192.0.2.10"), 1990L));
        CommandResponse got = cmd("ha-sync-cursor-get", "{\"partner\": \"server2\"}");
        assertThat(got.arguments().toString()).isEqualTo("{\"cltt\":2000,\"ip-address\":\"192.0.2.10\",\"floor\":1990}");
        // a new lease file: whatever the cursor promised is gone with the old one
        assertThat(SyncCursors.file(leaseFile, false).get("server2")).isNull();
        assertThat(SyncCursors.file(leaseFile, true).get("server2")).isNull();
    }

    @Test
    void clearForgetsEveryPartner() {
        cursors.put("server2", new SyncCursor(5, null, null));
        cursors.clear();
        assertThat(cursors.get("server2")).isNull();
    }

    // ---------------------------------------------------------------------------------------------

    private CommandResponse cmd(String command, String args) {
        return d.dispatch(CommandRequest.of(command, JSON.readTree(args)));
    }

    private static List<String> addresses(CommandResponse r) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : r.arguments().path("leases")) {
            out.add(l.path("ip-address").asString());
        }
        return out;
    }

    private String hw(String address) {
        return engine.store().read(v -> v.get(ip(address))).hwAddress();
    }

    private static int ip(String text) {
        return io.dhcpsuite.codec.Ipv4.tryParse(text);
    }

    private static Lease lease(String address, String hw, long cltt) {
        return new Lease(ip(address), hw, null, 3600, cltt, 1, 0, false, false, "", 0, null);
    }

    private static String json(String address, String hw, long cltt) {
        return "{\"ip-address\": \"" + address + "\", \"hw-address\": \"" + hw + "\", \"cltt\": " + cltt
                + ", \"valid-lft\": 3600, \"subnet-id\": 1, \"state\": 0, \"hostname\": \"\", \"fqdn-fwd\": false, \"fqdn-rev\": false}";
    }
}
