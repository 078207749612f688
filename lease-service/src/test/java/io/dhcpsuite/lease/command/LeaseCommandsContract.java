package io.dhcpsuite.lease.command;

import io.dhcpsuite.lease.store.LeaseView;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.stats.StatisticCommands;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.batch.GroupCommitter;
import io.dhcpsuite.lease.reclamation.Reclaimer;
import io.dhcpsuite.lease.store.Lease;
import io.dhcpsuite.lease.store.LeaseBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lease commands every backend must answer alike, with lease_cmds' result codes and texts:
 * each subclass supplies a backend, and the leases the commands leave must be what a fresh backend
 * on the same storage loads.
 */
abstract class LeaseCommandsContract {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CONFIG = """
            { "Dhcp4": { "valid-lifetime": 3600,
              "subnet4": [
                { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.100" } ] },
                { "id": 2, "subnet": "198.51.100.0/24", "valid-lifetime": 600,
                  "pools": [ { "pool": "198.51.100.10 - 198.51.100.20", "pool-id": 7 } ] } ] } }
            """;
    static final long NOW = 1_735_689_600L;

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    AllocationEngine engine;
    Statistics stats;
    GroupCommitter committer;
    CommandDispatcher dispatcher;
    LeaseBackend backend;

    /** A backend on empty storage. */
    abstract LeaseBackend newBackend() throws Exception;

    /** A second backend on the storage {@link #newBackend} made, to read back what was written. */
    abstract LeaseBackend reopen() throws Exception;

    @BeforeEach
    void start() throws Exception {
        backend = newBackend();
        committer = new GroupCommitter(backend);
        engine = TestSupport.engine(TestSupport.config(CONFIG), clock, committer, List.of(), List.of());
        stats = engine.stats().statistics();
        engine.load(backend.load());
        dispatcher = new CommandDispatcher();
        StatisticCommands.register(dispatcher, stats);
        LeaseCommands.register(dispatcher, engine, new Reclaimer(engine), backend);
    }

    @AfterEach
    void stop() {
        committer.close();
        backend.close();
    }

    CommandResponse cmd(String command, String arguments) {
        return dispatcher.dispatch(CommandRequest.of(command, arguments == null ? null : JSON.readTree(arguments)));
    }

    static void assertAnswer(CommandResponse r, int result, String text) {
        assertThat(r.result()).as(r.toString()).isEqualTo(result);
        assertThat(r.text()).isEqualTo(text);
    }

    CommandResponse add(String ip, String hw, long subnetId) {
        return cmd("lease4-add", """
                {"ip-address": "%s", "hw-address": "%s", "subnet-id": %d}""".formatted(ip, hw, subnetId));
    }

    static List<String> addresses(CommandResponse r) {
        List<String> out = new ArrayList<>();
        r.arguments().get("leases").forEach(l -> out.add(l.get("ip-address").asString()));
        return out;
    }

    @Test
    void addStoresTheLeaseAndCountsItAsAssigned() {
        assertAnswer(add("192.0.2.20", "02:00:00:00:00:01", 1), ResultCode.SUCCESS,
                "Lease for address 192.0.2.20, subnet-id 1 added.");
        // subnet-id absent: chosen by address; valid-lft and pool-id from the configuration
        assertAnswer(cmd("lease4-add", """
                {"ip-address": "198.51.100.15", "hw-address": "02:00:00:00:00:02", "client-id": "01:02:03",
                 "hostname": "two.example.org.", "fqdn-fwd": true, "user-context": {"a": 1}}"""),
                ResultCode.SUCCESS, "Lease for address 198.51.100.15, subnet-id 2 added.");

        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(stats.value("subnet[1].pool[0].assigned-addresses")).isEqualTo(1);
        assertThat(stats.value("subnet[2].assigned-addresses")).isEqualTo(1);
        assertThat(stats.value("cumulative-assigned-addresses")).isZero();

        CommandResponse got = cmd("lease4-get", "{\"ip-address\": \"198.51.100.15\"}");
        assertAnswer(got, ResultCode.SUCCESS, "IPv4 lease found.");
        JsonNode l = got.arguments();
        assertThat(l.get("subnet-id").asLong()).isEqualTo(2);
        assertThat(l.get("pool-id").asLong()).isEqualTo(7);
        assertThat(l.get("valid-lft").asLong()).isEqualTo(600);
        assertThat(l.get("cltt").asLong()).isEqualTo(NOW);
        assertThat(l.get("client-id").asString()).isEqualTo("01:02:03");
        assertThat(l.get("hostname").asString()).isEqualTo("two.example.org.");
        assertThat(l.get("fqdn-fwd").asBoolean()).isTrue();
        assertThat(l.get("user-context").get("a").asInt()).isEqualTo(1);
        assertThat(l.get("state").asInt()).isZero();
    }

    @Test
    void addRefusesAnExistingLeaseAnUnknownSubnetAndAnAddressOutsideTheSubnet() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        assertAnswer(add("192.0.2.20", "02:00:00:00:00:09", 1), ResultCode.CONFLICT, "IPv4 lease already exists.");
        assertAnswer(add("192.0.2.21", "02:00:00:00:00:09", 9), ResultCode.CONFLICT,
                "Invalid subnet-id: No IPv4 subnet with subnet-id=9 currently configured.");
        assertAnswer(add("198.51.100.12", "02:00:00:00:00:09", 1), ResultCode.CONFLICT,
                "The address 198.51.100.12 does not belong to subnet 192.0.2.0/24, subnet-id=1");
        assertAnswer(add("203.0.113.5", "02:00:00:00:00:09", 0), ResultCode.CONFLICT,
                "subnet-id not specified and failed to find a subnet for address 203.0.113.5");
        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(cmd("lease4-get", "{\"ip-address\": \"192.0.2.20\"}").arguments().get("hw-address").asString())
                .isEqualTo("02:00:00:00:00:01");
    }

    @Test
    void addAnswersOneForMalformedArguments() {
        assertAnswer(add("192.0.2.300", "02:00:00:00:00:01", 1), ResultCode.ERROR,
                "Failed to convert '192.0.2.300' to address: not a valid IPv4 address");
        assertThat(add("192.0.2.30", "zz:00", 1).result()).isEqualTo(ResultCode.ERROR);
        assertAnswer(cmd("lease4-add", "{\"ip-address\": \"192.0.2.30\"}"), ResultCode.ERROR, "missing parameter 'hw-address'");
        assertAnswer(cmd("lease4-add", "{\"ip-address\": \"192.0.2.30\", \"hw-address\": \"02:00:00:00:00:01\", \"fqdn-fwd\": true}"),
                ResultCode.ERROR, "No hostname specified and either forward or reverse fqdn was set to true.");
        assertThat(cmd("lease4-get-all", null).result()).isEqualTo(ResultCode.EMPTY);
    }

    @Test
    void getFindsALeaseByAddressOrByIdentifierAndSubnet() {
        cmd("lease4-add", """
                {"ip-address": "192.0.2.20", "hw-address": "02:00:00:00:00:01", "client-id": "01:aa:bb", "subnet-id": 1}""");
        assertAnswer(cmd("lease4-get", """
                {"identifier-type": "hw-address", "identifier": "02:00:00:00:00:01", "subnet-id": 1}"""),
                ResultCode.SUCCESS, "IPv4 lease found.");
        CommandResponse byCid = cmd("lease4-get", """
                {"identifier-type": "client-id", "identifier": "01AABB", "subnet-id": 1}""");
        assertAnswer(byCid, ResultCode.SUCCESS, "IPv4 lease found.");
        assertThat(byCid.arguments().get("ip-address").asString()).isEqualTo("192.0.2.20");
        assertAnswer(cmd("lease4-get", """
                {"identifier-type": "hw-address", "identifier": "02:00:00:00:00:01", "subnet-id": 2}"""),
                ResultCode.EMPTY, "Lease not found.");
        assertAnswer(cmd("lease4-get", "{\"ip-address\": \"192.0.2.21\"}"), ResultCode.EMPTY, "Lease not found.");
        assertAnswer(cmd("lease4-get", "{\"identifier-type\": \"hw-address\", \"identifier\": \"02:00:00:00:00:01\"}"),
                ResultCode.ERROR, "Mandatory 'ip-address' or ('identifier-type', 'identifier', 'subnet-id') parameters missing");
        assertAnswer(cmd("lease4-get", """
                {"identifier-type": "flex-id", "identifier": "02", "subnet-id": 1}"""),
                ResultCode.ERROR, "Identifier type flex-id is not supported.");
    }

    @Test
    void updateReplacesTheLeaseAndForceCreateAddsAMissingOne() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        assertAnswer(cmd("lease4-update", """
                {"ip-address": "192.0.2.20", "hw-address": "02:00:00:00:00:01", "hostname": "new.example.org.", "subnet-id": 1}"""),
                ResultCode.SUCCESS, "IPv4 lease updated.");
        assertThat(cmd("lease4-get", "{\"ip-address\": \"192.0.2.20\"}").arguments().get("hostname").asString())
                .isEqualTo("new.example.org.");
        assertAnswer(cmd("lease4-update", """
                {"ip-address": "192.0.2.21", "hw-address": "02:00:00:00:00:02", "subnet-id": 1}"""),
                ResultCode.EMPTY, "failed to update the lease with address 192.0.2.21 - no such lease");
        assertAnswer(cmd("lease4-update", """
                {"ip-address": "192.0.2.21", "hw-address": "02:00:00:00:00:02", "subnet-id": 1, "force-create": true}"""),
                ResultCode.SUCCESS, "IPv4 lease added.");
        assertAnswer(cmd("lease4-update", """
                {"ip-address": "192.0.2.21", "hw-address": "02:00:00:00:00:02", "subnet-id": 2}"""),
                ResultCode.CONFLICT, "The address 192.0.2.21 does not belong to subnet 198.51.100.0/24, subnet-id=2");
        assertAnswer(cmd("lease4-update", "{\"ip-address\": \"192.0.2.21\", \"hw-address\": \"02:00:00:00:00:02\", \"state\": 7}"),
                ResultCode.ERROR, "Invalid state value: 7, supported values are: 0, 1, 2 and 3");
        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(2);
        // a lease updated to declined counts as declined, still assigned
        cmd("lease4-update", "{\"ip-address\": \"192.0.2.21\", \"hw-address\": \"02:00:00:00:00:02\", \"state\": 1}");
        assertThat(stats.value("subnet[1].declined-addresses")).isEqualTo(1);
        assertThat(stats.value("declined-addresses")).isEqualTo(1);
        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(2);
    }

    @Test
    void bulkApplyDeletesThenStoresAndNamesOnlyTheLeasesThatFailed() throws Exception {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        add("192.0.2.22", "02:00:00:00:00:03", 1);
        CommandResponse r = cmd("lease4-bulk-apply", """
                {"origin": "ha-partner",
                 "deleted-leases": [ {"ip-address": "192.0.2.20"}, {"ip-address": "192.0.2.30"}, {"ip-address": "nope"} ],
                 "leases": [ {"ip-address": "192.0.2.21", "hw-address": "02:00:00:00:00:02", "subnet-id": 1,
                              "valid-lft": 3600, "expire": %d, "hostname": "bulk.example.org."},
                             {"ip-address": "192.0.2.22", "hw-address": "02:00:00:00:00:04", "subnet-id": 1},
                             {"ip-address": "192.0.2.23", "hw-address": "02:00:00:00:00:05", "subnet-id": 2},
                             {"ip-address": "192.0.2.24"} ]}""".formatted(NOW + 3000));
        assertAnswer(r, ResultCode.SUCCESS, "Bulk apply of 3 IPv4 leases completed.");
        JsonNode failedLeases = r.arguments().get("failed-leases");
        assertThat(failedLeases).hasSize(2);
        assertThat(failedLeases.get(0).get("ip-address").asString()).isEqualTo("192.0.2.23");
        assertThat(failedLeases.get(0).get("result").asInt()).isEqualTo(ResultCode.CONFLICT);
        assertThat(failedLeases.get(0).get("error-message").asString())
                .isEqualTo("The address 192.0.2.23 does not belong to subnet 198.51.100.0/24, subnet-id=2");
        assertThat(failedLeases.get(1).get("ip-address").asString()).isEqualTo("192.0.2.24");
        assertThat(failedLeases.get(1).get("result").asInt()).isEqualTo(ResultCode.ERROR);
        JsonNode failedDeleted = r.arguments().get("failed-deleted-leases");
        assertThat(failedDeleted).hasSize(2);
        assertThat(failedDeleted.get(0).get("ip-address").asString()).isEqualTo("nope");
        assertThat(failedDeleted.get(0).get("result").asInt()).isEqualTo(ResultCode.ERROR);
        assertThat(failedDeleted.get(1).get("ip-address").asString()).isEqualTo("192.0.2.30");
        assertThat(failedDeleted.get(1).get("result").asInt()).isEqualTo(ResultCode.EMPTY);
        assertThat(failedDeleted.get(1).get("error-message").asString()).isEqualTo("lease not found");

        assertThat(cmd("lease4-get", "{\"ip-address\": \"192.0.2.20\"}").result()).isEqualTo(ResultCode.EMPTY);
        JsonNode added = cmd("lease4-get", "{\"ip-address\": \"192.0.2.21\"}").arguments();
        assertThat(added.get("cltt").asLong()).as("expire - valid-lft").isEqualTo(NOW - 600);
        assertThat(added.get("hostname").asString()).isEqualTo("bulk.example.org.");
        assertThat(cmd("lease4-get", "{\"ip-address\": \"192.0.2.22\"}").arguments().get("hw-address").asString())
                .as("replaced, as lease4-update with force-create").isEqualTo("02:00:00:00:00:04");
        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(2);

        // nothing failed: no arguments; the changes are durable when the answer leaves
        assertAnswer(cmd("lease4-bulk-apply", """
                {"leases": [ {"ip-address": "192.0.2.25", "hw-address": "02:00:00:00:00:06"} ]}"""),
                ResultCode.SUCCESS, "Bulk apply of 1 IPv4 leases completed.");
        assertAnswer(cmd("lease4-bulk-apply", "{\"leases\": [], \"deleted-leases\": []}"), ResultCode.SUCCESS,
                "Bulk apply of 0 IPv4 leases completed.");
        List<Lease> expected = engine.store().read((LeaseView v) -> sorted(v.all()));
        committer.close();
        backend.close();
        LeaseBackend again = reopen();
        try {
            assertThat(sorted(again.load())).containsExactlyElementsOf(expected).hasSize(3);
        } finally {
            again.close();
        }
    }

    @Test
    void bulkApplyRefusesArgumentsThatAreNotLists() {
        assertAnswer(cmd("lease4-bulk-apply", "{}"), ResultCode.ERROR,
                "neither 'deleted-leases' nor 'leases' parameter specified");
        assertAnswer(cmd("lease4-bulk-apply", "{\"leases\": {}}"), ResultCode.ERROR, "'leases' parameter must be a list");
        assertAnswer(cmd("lease4-bulk-apply", "{\"deleted-leases\": 1}"), ResultCode.ERROR,
                "'deleted-leases' parameter must be a list");
    }

    @Test
    void delRemovesByAddressOrByIdentifier() {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        add("192.0.2.21", "02:00:00:00:00:02", 1);
        assertAnswer(cmd("lease4-del", "{\"ip-address\": \"192.0.2.20\"}"), ResultCode.SUCCESS, "IPv4 lease deleted.");
        assertAnswer(cmd("lease4-del", "{\"ip-address\": \"192.0.2.20\"}"), ResultCode.EMPTY, "IPv4 lease not found.");
        assertAnswer(cmd("lease4-del", """
                {"identifier-type": "hw-address", "identifier": "02:00:00:00:00:02", "subnet-id": 2}"""),
                ResultCode.EMPTY, "IPv4 lease not found.");
        assertAnswer(cmd("lease4-del", """
                {"identifier-type": "hw-address", "identifier": "02:00:00:00:00:02", "subnet-id": 1}"""),
                ResultCode.SUCCESS, "IPv4 lease deleted.");
        assertThat(cmd("lease4-del", "{\"ip-address\": \"nope\"}").result()).isEqualTo(ResultCode.ERROR);
        assertThat(stats.value("subnet[1].assigned-addresses")).isZero();
        assertThat(stats.value("subnet[1].pool[0].assigned-addresses")).isZero();
    }

    @Test
    void getAllFiltersBySubnetAndPagesWalkEveryLeaseOnce() {
        for (int i = 0; i < 5; i++) {
            add("192.0.2." + (20 + i), "02:00:00:00:01:0" + i, 1);
        }
        add("198.51.100.11", "02:00:00:00:02:01", 2);
        add("198.51.100.12", "02:00:00:00:02:02", 2);
        assertAnswer(cmd("lease4-get-all", null), ResultCode.SUCCESS, "7 IPv4 lease(s) found.");
        CommandResponse two = cmd("lease4-get-all", "{\"subnets\": [2]}");
        assertAnswer(two, ResultCode.SUCCESS, "2 IPv4 lease(s) found.");
        assertThat(addresses(two)).containsExactly("198.51.100.11", "198.51.100.12");
        CommandResponse none = cmd("lease4-get-all", "{\"subnets\": [3]}");
        assertAnswer(none, ResultCode.EMPTY, "0 IPv4 lease(s) found.");
        assertThat(none.arguments().get("leases").isEmpty()).isTrue();
        assertAnswer(cmd("lease4-get-all", "{\"subnets\": 2}"), ResultCode.ERROR, "'subnets' parameter must be a list");

        List<String> walked = new ArrayList<>();
        String from = "start";
        int pages = 0;
        while (true) {
            CommandResponse page = cmd("lease4-get-page", "{\"from\": \"" + from + "\", \"limit\": 3}");
            int count = page.arguments().get("count").asInt();
            pages++;
            if (count == 0) {
                assertAnswer(page, ResultCode.EMPTY, "0 IPv4 lease(s) found.");
                break;
            }
            assertAnswer(page, ResultCode.SUCCESS, count + " IPv4 lease(s) found.");
            List<String> got = addresses(page);
            walked.addAll(got);
            if (count < 3) {
                break;
            }
            from = got.get(got.size() - 1);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactly("192.0.2.20", "192.0.2.21", "192.0.2.22", "192.0.2.23", "192.0.2.24",
                "198.51.100.11", "198.51.100.12");
        assertThat(addresses(cmd("lease4-get-page", "{\"from\": \"0.0.0.0\", \"limit\": 1}"))).containsExactly("192.0.2.20");
        assertAnswer(cmd("lease4-get-page", "{\"from\": \"198.51.100.12\", \"limit\": 3}"), ResultCode.EMPTY, "0 IPv4 lease(s) found.");
        assertAnswer(cmd("lease4-get-page", "{\"limit\": 3}"), ResultCode.ERROR, "'from' parameter not specified");
        assertAnswer(cmd("lease4-get-page", "{\"from\": \"start\"}"), ResultCode.ERROR, "'limit' parameter not specified");
        assertAnswer(cmd("lease4-get-page", "{\"from\": \"start\", \"limit\": 0}"), ResultCode.ERROR,
                "page size of retrieved leases must not be 0");
        assertAnswer(cmd("lease4-get-page", "{\"from\": \"later\", \"limit\": 3}"), ResultCode.ERROR,
                "'from' parameter value later is neither 'start' nor a valid IPv4 address");
    }

    @Test
    void leasesLeftByCommandsAreWhatTheBackendLoads() throws Exception {
        add("192.0.2.20", "02:00:00:00:00:01", 1);
        add("192.0.2.21", "02:00:00:00:00:02", 1);
        cmd("lease4-add", """
                {"ip-address": "198.51.100.15", "hw-address": "02:00:00:00:00:03", "client-id": "01:02:03",
                 "hostname": "a,b", "user-context": {"x": [1, 2]}, "valid-lft": 100, "expire": %d}""".formatted(NOW + 50));
        cmd("lease4-update", "{\"ip-address\": \"192.0.2.21\", \"hw-address\": \"02:00:00:00:00:02\", \"hostname\": \"h\"}");
        cmd("lease4-del", "{\"ip-address\": \"192.0.2.20\"}");
        List<Lease> expected = engine.store().read((LeaseView v) -> sorted(v.all()));
        committer.close();
        backend.close();
        LeaseBackend again = reopen();
        try {
            assertThat(sorted(again.load())).containsExactlyElementsOf(expected).hasSize(2);
        } finally {
            again.close();
        }
    }

    static List<Lease> sorted(Collection<Lease> leases) {
        List<Lease> out = new ArrayList<>(leases);
        out.sort(Comparator.comparingLong(l -> Integer.toUnsignedLong(l.address())));
        return out;
    }
}
