package io.dhcpsuite.lease.v6.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.batch.GroupCommitter;
import io.dhcpsuite.lease.memfile.MemfileBackend;
import io.dhcpsuite.lease.v6.Allocation6Engine;
import io.dhcpsuite.lease.v6.Lease6Backend;
import io.dhcpsuite.lease.v6.Lease6Ddns;
import io.dhcpsuite.lease.v6.Lease6Index;
import io.dhcpsuite.lease.v6.Lease6Stats;
import io.dhcpsuite.lease.v6.V6Support;
import io.dhcpsuite.config.Dhcp6Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lease6 commands every v6 backend must answer alike, table-driven, with lease_cmds' result
 * codes and texts (taken from kea-dhcp6 2.2.0 with libdhcp_lease_cmds.so); the leases the commands
 * leave must be what a fresh backend on the same storage loads.
 */
abstract class Lease6CommandsContract {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CONFIG = """
            { "Dhcp6": { "preferred-lifetime": 3000, "valid-lifetime": 4000,
              "subnet6": [
                { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::10 - 2001:db8:1::ff" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ] },
                { "id": 2, "subnet": "2001:db8:2::/64", "valid-lifetime": 600, "preferred-lifetime": 300,
                  "pools": [ { "pool": "2001:db8:2::/120", "pool-id": 7 } ] } ] } }
            """;
    static final long NOW = 1_735_689_600L;

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    Path dir;
    GroupCommitter committer;
    MemfileBackend v4;
    Lease6Backend backend;
    Allocation6Engine engine;
    ServiceDispatcher dispatcher;

    abstract Lease6Backend newBackend(Path dir) throws Exception;

    abstract Lease6Backend reopen(Path dir) throws Exception;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("lease6-cmds");
        v4 = new MemfileBackend(dir.resolve("leases4.csv"), false, 0);
        committer = new GroupCommitter(v4);
        backend = newBackend(dir);
        committer.backend6(backend);
        Dhcp6Config cfg = V6Support.config(CONFIG);
        engine = new Allocation6Engine(cfg, new Lease6Stats(new Statistics(clock), cfg), clock, committer::submit6);
        engine.load(backend);
        dispatcher = new ServiceDispatcher();
        Lease6Commands.register(dispatcher, engine, backend, Lease6Ddns.disabled(cfg));
    }

    @AfterEach
    void stop() {
        committer.close();
        backend.close();
    }

    CommandResponse cmd(String command, String arguments) {
        return dispatcher.dispatch(CommandRequest.of(command, arguments == null ? null : JSON.readTree(arguments)));
    }

    /** One row: command, arguments, Kea's result and text (null: any text). */
    record Row(String command, String args, int result, String text) {
    }

    static Row row(String command, String args, int result, String text) {
        return new Row(command, args, result, text);
    }

    void check(List<Row> rows) {
        for (Row r : rows) {
            CommandResponse resp = cmd(r.command(), r.args());
            assertThat(resp.result()).as(r.command() + " " + r.args() + " -> " + resp.text()).isEqualTo(r.result());
            if (r.text() != null) {
                assertThat(resp.text()).as(r.command() + " " + r.args()).isEqualTo(r.text());
            }
        }
    }

    @Test
    void addGetDelAsKea() throws Exception {
        check(List.of(
                row("lease6-add", "{\"ip-address\":\"2001:db8:1::20\",\"duid\":\"01:02:03\",\"iaid\":1,"
                        + "\"hw-address\":\"0a:0b:0c:0d:0e:0f\",\"hostname\":\"a,b.example.org\",\"fqdn-fwd\":true,"
                        + "\"user-context\":{\"x\":[1,2]}}", 0, "Lease for address 2001:db8:1::20, subnet-id 1 added."),
                row("lease6-add", "{\"ip-address\":\"2001:db8:8:100::\",\"type\":\"IA_PD\",\"prefix-len\":56,"
                        + "\"subnet-id\":1,\"duid\":\"01:02:03\",\"iaid\":2}", 0,
                        "Lease for prefix 2001:db8:8:100::/56, subnet-id 1 added."),
                row("lease6-add", "{\"ip-address\":\"2001:db8:2::5\",\"duid\":\"01:02:04\",\"iaid\":9,\"state\":1}", 0,
                        "Lease for address 2001:db8:2::5, subnet-id 2 added."),
                row("lease6-add", "{\"ip-address\":\"2001:db8:1::20\",\"duid\":\"01:02:03\",\"iaid\":1}", 4,
                        "IPv6 lease already exists."),
                row("lease6-add", "{\"ip-address\":\"2001:db8:8:200::\",\"type\":\"IA_PD\",\"prefix-len\":56,"
                        + "\"duid\":\"01:02:03\",\"iaid\":2}", 1,
                        "Subnet-id is 0 or not specified. This is allowed for address leases only, not prefix leases."),
                row("lease6-add", "{\"ip-address\":\"2001:db8:77::22\",\"duid\":\"01:02:05\",\"iaid\":3}", 4,
                        "subnet-id not specified and failed to find a subnet for address 2001:db8:77::22"),
                row("lease6-add", "{\"ip-address\":\"2001:db8:77::22\",\"duid\":\"01:02:05\",\"iaid\":3,\"subnet-id\":1}", 4,
                        "The address 2001:db8:77::22 does not belong to subnet 2001:db8:1::/64, subnet-id=1"),
                row("lease6-add", "{\"ip-address\":\"2001:db8:1::22\",\"duid\":\"01:02:05\",\"iaid\":3,\"subnet-id\":9}", 4,
                        "Invalid subnet-id: No IPv6 subnet with subnet-id=9 currently configured."),
                row("lease6-add", "{\"ip-address\":\"2001:db8:1::22\",\"iaid\":1}", 1, null),
                row("lease6-add", "{\"ip-address\":\"2001:db8:1::22\",\"duid\":\"01:02:05\"}", 1, null),
                row("lease6-add", "{\"ip-address\":\"not-v6\",\"duid\":\"01:02:05\",\"iaid\":1}", 1, null),
                row("lease6-get", "{\"ip-address\":\"2001:db8:1::20\"}", 0, "IPv6 lease found."),
                row("lease6-get", "{\"ip-address\":\"2001:db8:8:100::\",\"type\":\"IA_PD\"}", 0, "IPv6 lease found."),
                row("lease6-get", "{\"ip-address\":\"2001:db8:8:100::\"}", 3, "Lease not found."),
                row("lease6-get", "{\"ip-address\":\"2001:db8:1::99\"}", 3, "Lease not found."),
                row("lease6-get", "{\"identifier-type\":\"duid\",\"identifier\":\"01:02:03\",\"iaid\":1,\"subnet-id\":1}", 0,
                        "IPv6 lease found."),
                row("lease6-get", "{\"identifier-type\":\"duid\",\"identifier\":\"01:02:03\",\"iaid\":7,\"subnet-id\":1}", 3,
                        "Lease not found."),
                row("lease6-get", "{\"identifier-type\":\"hw-address\",\"identifier\":\"01:02:03\",\"iaid\":1,\"subnet-id\":1}",
                        1, "Query by hw-address is not allowed in v6."),
                row("lease6-get", "{\"subnet-id\":1}", 1,
                        "No 'ip-address' provided and 'identifier-type' is either missing or not a string."),
                row("lease6-get", "{\"ip-address\":\"2001:db8:1::20\",\"type\":\"IA_XX\"}", 1,
                        "Invalid lease type specified: IA_XX, only supported values are: IA_NA, IA_TA, IA_PD and V4"),
                row("lease6-get-all", null, 0, "3 IPv6 lease(s) found."),
                row("lease6-get-all", "{\"subnets\":[2]}", 0, "1 IPv6 lease(s) found."),
                row("lease6-get-all", "{\"subnets\":[5]}", 3, "0 IPv6 lease(s) found."),
                row("lease6-get-by-duid", "{\"duid\":\"01:02:03\"}", 0, "2 IPv6 lease(s) found."),
                row("lease6-get-by-duid", "{\"duid\":\"09:09\"}", 3, "0 IPv6 lease(s) found."),
                row("lease6-get-by-duid", "{}", 1, "'duid' parameter not specified"),
                row("lease6-get-by-hostname", "{\"hostname\":\"A,B.example.org\"}", 0, "1 IPv6 lease(s) found."),
                row("lease6-get-by-hostname", "{\"hostname\":\"\"}", 1, "'hostname' parameter is empty"),
                row("lease6-get-page", "{\"from\":\"start\",\"limit\":2}", 0, "2 IPv6 lease(s) found."),
                row("lease6-get-page", "{\"from\":\"2001:db8:2::5\",\"limit\":2}", 0, "1 IPv6 lease(s) found."),
                row("lease6-get-page", "{\"from\":\"2001:db8:8:100::\",\"limit\":2}", 3, "0 IPv6 lease(s) found."),
                row("lease6-get-page", "{\"from\":\"foo\",\"limit\":2}", 1,
                        "'from' parameter value is neither 'start' keyword nor a valid IPv6 address"),
                row("lease6-get-page", "{\"from\":\"start\",\"limit\":0}", 1, "page size of retrieved leases must not be 0"),
                row("lease6-del", "{\"ip-address\":\"2001:db8:1::99\"}", 3, "IPv6 lease not found."),
                row("lease6-del", "{\"ip-address\":\"2001:db8:2::5\"}", 0, "IPv6 lease deleted."),
                row("lease6-resend-ddns", "{\"ip-address\":\"2001:db8:1::99\"}", 4, "DDNS updating is not enabled"),
                row("lease6-resend-ddns", "{\"ip-address\":\"2001:db8:1::20\"}", 4, "DDNS updating is not enabled")));

        CommandResponse got = cmd("lease6-get", "{\"ip-address\":\"2001:db8:1::20\"}");
        JsonNode l = got.arguments();
        assertThat(l.get("duid").asString()).isEqualTo("01:02:03");
        assertThat(l.get("iaid").asLong()).isEqualTo(1);
        assertThat(l.get("type").asString()).isEqualTo("IA_NA");
        assertThat(l.get("preferred-lft").asLong()).as("Kea's lease parser: the subnet's valid lifetime").isEqualTo(4000);
        assertThat(l.get("valid-lft").asLong()).isEqualTo(4000);
        assertThat(l.get("cltt").asLong()).isEqualTo(NOW);
        assertThat(l.get("hostname").asString()).isEqualTo("a,b.example.org");
        assertThat(l.get("user-context").get("x").get(1).asInt()).isEqualTo(2);
        assertThat(l.has("prefix-len")).as("Kea shows prefix-len for prefixes only").isFalse();
        assertThat(cmd("lease6-get", "{\"ip-address\":\"2001:db8:8:100::\",\"type\":\"IA_PD\"}").arguments()
                .get("prefix-len").asInt()).isEqualTo(56);
        JsonNode page = cmd("lease6-get-page", "{\"from\":\"start\",\"limit\":2}").arguments();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("leases").get(0).get("ip-address").asString()).isEqualTo("2001:db8:1::20");
        assertThat(engine.stats().statistics().value("subnet[1].assigned-nas")).isEqualTo(1);
        assertThat(engine.stats().statistics().value("subnet[1].assigned-pds")).isEqualTo(1);
        assertThat(engine.stats().statistics().value("declined-addresses")).isZero();
        assertReloads();
    }

    @Test
    void updateBulkApplyAndWipe() throws Exception {
        check(List.of(
                row("lease6-update", "{\"ip-address\":\"2001:db8:1::30\",\"duid\":\"01:02:03\",\"iaid\":1}", 4,
                        "failed to update the lease with address 2001:db8:1::30 either because the lease has been deleted "
                        + "or it has changed in the database, in both cases a retry might succeed"),
                row("lease6-update", "{\"ip-address\":\"2001:db8:1::30\",\"duid\":\"01:02:03\",\"iaid\":1,\"force-create\":true}",
                        0, "IPv6 lease added."),
                row("lease6-update", "{\"ip-address\":\"2001:db8:1::30\",\"duid\":\"01:02:03\",\"iaid\":1,\"hostname\":\"h\"}",
                        0, "IPv6 lease updated."),
                row("lease6-bulk-apply", "{}", 1, "neither 'deleted-leases' nor 'leases' parameter specified"),
                row("lease6-bulk-apply", "{\"leases\":[{\"ip-address\":\"2001:db8:77::1\",\"duid\":\"01:02:03\","
                        + "\"iaid\":1,\"subnet-id\":1}]}", 1,
                        "The address 2001:db8:77::1 does not belong to subnet 2001:db8:1::/64, subnet-id=1"),
                row("lease6-bulk-apply", "{\"deleted-leases\":[{\"ip-address\":\"2001:db8:1::99\",\"type\":\"IA_NA\"}]}", 3,
                        "Bulk apply of 0 IPv6 leases completed."),
                row("lease6-bulk-apply", "{\"leases\":[{\"ip-address\":\"2001:db8:1::31\"}]}", 1, null),
                row("lease6-bulk-apply", "{\"deleted-leases\":[{\"ip-address\":\"2001:db8:1::30\",\"type\":\"IA_NA\"}],"
                        + "\"leases\":[{\"ip-address\":\"2001:db8:1::31\",\"duid\":\"01:02:03\",\"iaid\":1},"
                        + "{\"ip-address\":\"2001:db8:2::31\",\"duid\":\"01:02:03\",\"iaid\":1}]}", 0,
                        "Bulk apply of 3 IPv6 leases completed."),
                row("lease6-wipe", "{\"subnet-id\":2}", 0, "Deleted 1 IPv6 lease(s) from subnet(s) 2"),
                row("lease6-wipe", "{\"subnet-id\":2}", 3, "Deleted 0 IPv6 lease(s) from subnet(s) 2")));
        CommandResponse partial = cmd("lease6-bulk-apply", "{\"deleted-leases\":[{\"ip-address\":\"2001:db8:1::77\"}],"
                + "\"leases\":[{\"ip-address\":\"2001:db8:1::32\",\"duid\":\"01:02:03\",\"iaid\":1}]}");
        assertThat(partial.result()).isZero();
        JsonNode failed = partial.arguments().get("failed-deleted-leases").get(0);
        assertThat(failed.get("ip-address").asString()).isEqualTo("2001:db8:1::77");
        assertThat(failed.get("type").asString()).isEqualTo("IA_NA");
        assertThat(failed.get("result").asInt()).isEqualTo(3);
        assertThat(cmd("lease6-get-all", null).text()).isEqualTo("2 IPv6 lease(s) found.");
        assertReloads();
        check(List.of(row("lease6-wipe", null, 0, "Deleted 2 IPv6 lease(s) from subnet(s) 1 2")));
        assertReloads();
    }

    /** What the commands left is what a fresh backend on the same storage loads. */
    void assertReloads() throws Exception {
        List<Lease6> mem = engine.store().read(Lease6Index::all);
        Lease6Backend again = reopen(dir);
        Lease6Index index = new Lease6Index();
        again.load(index);
        again.close();
        assertThat(index.all()).containsExactlyElementsOf(mem);
    }
}
