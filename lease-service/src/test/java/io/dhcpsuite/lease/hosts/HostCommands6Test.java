package io.dhcpsuite.lease.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.KeaConfigLoader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reservation-* commands sent to {@code dhcp6}, held to Kea's host_cmds chapter as
 * {@link HostCommandsTest} holds the v4 ones: each row a command and the result code and text
 * Kea answers, run in order against one hosts database (so later rows see what earlier ones
 * added), with {@code subnet-id} naming a subnet6 and hosts of duid, hw-address or flex-id with
 * ip-addresses and prefixes. The database is the test's own and dropped afterwards
 * ({@link HostsPostgres}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostCommands6Test {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Dhcp6Config CONFIG = KeaConfigLoader.parse("""
            {"Dhcp6": {
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64",
                 "pools": [{"pool": "2001:db8:1::1000-2001:db8:1::1fff"}],
                 "reservations": [{"duid": "00:03:00:01:aa:00:00:00:00:50", "ip-addresses": ["2001:db8:1::50"],
                                   "hostname": "file-host"}]},
                {"id": 2, "subnet": "2001:db8:2::/64"}
              ]
            }}
            """, null).dhcp6();
    private HostStore6 store;
    private io.dhcpsuite.config.LeaseDatabase db;
    private final CommandDispatcher commands = new CommandDispatcher();

    record Row(String command, String arguments, int result, String text) {
    }

    @BeforeAll
    void open() {
        db = HostsPostgres.freshDatabase();
        store = HostStore6.open(List.of(db), null, () -> CONFIG);
        HostCommands6.register(commands, () -> CONFIG, store);
    }

    @AfterAll
    void close() {
        try {
            store.close();
        } finally {
            HostsPostgres.drop(db);
        }
    }

    private static final String DUID_A = "00:03:00:01:1a:1b:1c:1d:1e:1f";

    static final List<Row> ARM = List.of(
            // reservation-add
            new Row("reservation-add", "{}", 1, "no parameters specified for the command"),
            new Row("reservation-add", "{\"operation-target\": \"alternate\"}", 1, "reservation must be specified"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"" + DUID_A + "\", "
                    + "\"ip-addresses\": [\"2001:db8:1::100\"], \"prefixes\": [\"2001:db8:100::/56\"], "
                    + "\"hostname\": \"foo.example.com\"}}", 0, "Host added."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"" + DUID_A + "\"}}",
                    1, "Database duplicate entry error..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:20\", "
                    + "\"ip-addresses\": [\"2001:db8:1::101\", \"2001:db8:1::102\"], \"option-data\": [ { "
                    + "\"name\": \"dns-servers\", \"data\": \"2001:db8::53\" } ], \"client-classes\": [ \"office\" ] }}",
                    0, "Host added."),
            new Row("reservation-add", "{\"reservation\": {\"duid\": \"00:01\", \"ip-addresses\": [\"2001:db8:1::103\"]}}",
                    1, "Mandatory 'subnet-id' parameter missing. The address '2001:db8:1::103' belongs to subnet "
                    + "'2001:db8:1::/64' id 1."),
            new Row("reservation-add", "{\"reservation\": {\"flex-id\": \"'port-7'\", \"prefixes\": [\"2001:db8:200::/56\"]}}",
                    0, "Host added. subnet-id not specified, assumed global (subnet-id 0)."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 7, \"duid\": \"00:02\"}}",
                    1, "IPv6 subnet with ID of '7' is not configured"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 2, \"duid\": \"00:03\", "
                    + "\"ip-addresses\": [\"2001:db8:1::9\"]}}",
                    1, "specified reservation '2001:db8:1::9' is not matching the IPv6 subnet prefix '2001:db8:2::/64'"),
            // an address another database host holds, in another spelling; one the file holds
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"00:04\", "
                    + "\"ip-addresses\": [\"2001:0db8:0001::0100\"]}}", 1, "Database duplicate entry error: an address..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"00:05\", "
                    + "\"ip-addresses\": [\"2001:db8:1::50\"]}}", 1, "Database duplicate entry error: address 2001:db8:1::50..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"00:06\", "
                    + "\"ip-address\": \"2001:db8:1::6\"}}", 1, "reservation/ip-address: unsupported parameter 'ip-address'"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"client-id\": \"01:02\"}}", 1, "reservation..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"00:07\", "
                    + "\"ip-addresses\": [\"198.18.0.7\"]}}", 1, "reservation/ip-addresses[0]..."),
            // reservation-get
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::100\"}", 0, "Host found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"duid\", \"identifier\": \""
                    + DUID_A + "\"}", 0, "Host found."),
            new Row("reservation-get", "{\"subnet-id\": 2, \"identifier-type\": \"duid\", \"identifier\": \""
                    + DUID_A + "\"}", 3, "Host not found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"duid\", "
                    + "\"identifier\": \"00:03:00:01:aa:00:00:00:00:50\"}", 0, "Host found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"duid\", "
                    + "\"identifier\": \"00:03:00:01:aa:00:00:00:00:50\", \"operation-target\": \"alternate\"}",
                    3, "Host not found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"client-id\", \"identifier\": \"01:02\"}",
                    1, "identifier type 'client-id' is not used by DHCPv6 hosts: use duid, hw-address or flex-id"),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"foo\", \"identifier\": \"01:02\"}", 1,
                    "Value of 'identifier-type' was not recognized."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.1\"}", 1,
                    "Failed to convert string to address '192.0.2.1': Invalid argument"),
            new Row("reservation-get", "{\"ip-address\": \"2001:db8:1::100\"}", 1,
                    "missing parameter 'subnet-id', use 'reservation-get-by-address' with 'ip-address' set to "
                            + "\"2001:db8:1::100\" to get the list of reservations with this address"),
            // reservation-get-all: file and database by default
            new Row("reservation-get-all", "{\"subnet-id\": 1}", 0, "3 IPv6 host(s) found."),
            new Row("reservation-get-all", "{\"subnet-id\": 1, \"operation-target\": \"alternate\"}", 0, "2 IPv6 host(s) found."),
            new Row("reservation-get-all", "{\"subnet-id\": 0}", 0, "1 IPv6 host(s) found."),
            new Row("reservation-get-all", "{\"subnet-id\": 2}", 3, "0 IPv6 host(s) found."),
            // reservation-get-by-*
            new Row("reservation-get-by-address", "{\"ip-address\": \"2001:db8:1::102\"}", 0, "1 IPv6 host(s) found."),
            new Row("reservation-get-by-address", "{\"ip-address\": \"2001:db8:1::50\", \"subnet-id\": 1}", 0,
                    "1 IPv6 host(s) found."),
            new Row("reservation-get-by-hostname", "{\"hostname\": \"FOO.example.com\"}", 0, "1 IPv6 host(s) found."),
            new Row("reservation-get-by-id", "{\"identifier-type\": \"flex-id\", \"identifier\": \"'port-7'\"}", 0,
                    "1 IPv6 host(s) found."),
            new Row("reservation-get-by-id", "{\"identifier-type\": \"duid\", \"identifier\": \"00:01\", \"subnet-id\": 1}",
                    1, "'subnet-id' is forbidden in reservation-get-by-id"),
            // reservation-update: the whole host replaced, addresses included
            new Row("reservation-update", "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"" + DUID_A + "\", "
                    + "\"ip-addresses\": [\"2001:db8:1::110\"]}}", 0, "Host updated."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::100\"}", 3, "Host not found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::110\"}", 0, "Host found."),
            new Row("reservation-update", "{\"reservation\": {\"subnet-id\": 2, \"duid\": \"00:09\"}}", 3,
                    "Host not updated (not found)."),
            // reservation-del
            new Row("reservation-del", "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::110\"}", 0, "Host deleted."),
            new Row("reservation-del", "{\"subnet-id\": 1, \"identifier-type\": \"duid\", \"identifier\": \""
                    + DUID_A + "\"}", 3, "Host not deleted (not found)."),
            new Row("reservation-del", "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\", "
                    + "\"identifier\": \"1a:1b:1c:1d:1e:20\"}", 0, "Host deleted."),
            new Row("reservation-get-all", "{\"subnet-id\": 1, \"operation-target\": \"alternate\"}", 3,
                    "0 IPv6 host(s) found."));

    @TestFactory
    @Order(1)
    Stream<DynamicTest> answersAsKeaDoes() {
        return ARM.stream().map(row -> DynamicTest.dynamicTest(row.command() + " " + row.arguments(), () -> {
            CommandResponse r = run(row.command(), row.arguments());
            assertThat(r.result()).as(r.text()).isEqualTo(row.result());
            if (row.text().endsWith("...")) {
                assertThat(r.text()).startsWith(row.text().substring(0, row.text().length() - 3));
            } else {
                assertThat(r.text()).isEqualTo(row.text());
            }
        }));
    }

    @Test
    @Order(2)
    void printsTheHostAsKeaDoesAndFeedsTheReplica() {
        long before = store.memory().version();
        assertThat(run("reservation-add", "{\"reservation\": {\"subnet-id\": 2, \"duid\": \"0x000300010e0000000001\", "
                + "\"ip-addresses\": [\"2001:db8:2::77\", \"2001:db8:2::78\"], \"prefixes\": [\"2001:db8:300::/48\"], "
                + "\"hostname\": \"printer\", \"option-data\": [{\"name\": \"dns-servers\", \"data\": \"2001:db8::53\"}], "
                + "\"client-classes\": [\"printers\"]}}").text()).isEqualTo("Host added.");
        JsonNode h = run("reservation-get", "{\"subnet-id\": 2, \"identifier-type\": \"duid\", "
                + "\"identifier\": \"00:03:00:01:0e:00:00:00:00:01\"}").arguments();
        assertThat(h.get("duid").asString()).isEqualTo("00:03:00:01:0e:00:00:00:00:01");
        assertThat(h.get("ip-addresses")).extracting(JsonNode::asString).containsExactlyInAnyOrder("2001:db8:2::77", "2001:db8:2::78");
        assertThat(h.get("prefixes").get(0).asString()).isEqualTo("2001:db8:300::/48");
        assertThat(h.get("hostname").asString()).isEqualTo("printer");
        assertThat(h.get("option-data").get(0).get("code").asInt()).isEqualTo(23);
        assertThat(h.get("client-classes").get(0).asString()).isEqualTo("printers");
        assertThat(h.get("subnet-id").asLong()).isEqualTo(2);
        // the feed dhcp-service's replica pulls has the host, under its key
        JsonNode feed = store.memory().changesSince(store.memory().epoch(), before);
        assertThat(feed.get("reset").asBoolean()).isFalse();
        assertThat(feed.get("hosts")).singleElement().satisfies(x -> {
            assertThat(x.get("duid").asString()).isEqualTo("00:03:00:01:0e:00:00:00:00:01");
            assertThat(x.get("key").asString()).startsWith("1:");
        });
        // the allocation engine's view: the address and the prefix are reserved, for this host
        assertThat(store.memory().reservedAt(new io.dhcpsuite.lease.v6.Lease6Key(
                io.dhcpsuite.config.Prefix6.address("2001:db8:2::78"), io.dhcpsuite.lease.v6.Lease6Key.NA)))
                .singleElement().satisfies(r -> assertThat(r.hostname()).isEqualTo("printer"));
        assertThat(store.memory().reservedAt(new io.dhcpsuite.lease.v6.Lease6Key(
                io.dhcpsuite.config.Prefix6.address("2001:db8:300::"), io.dhcpsuite.lease.v6.Lease6Key.PD))).hasSize(1);
        // a store opened again (a restarted lease-service) loads it from the database
        try (HostStore6 again = HostStore6.open(List.of(db), null, () -> CONFIG)) {
            assertThat(again.memory().changesSince("", 0).get("hosts")).anySatisfy(x ->
                    assertThat(x.get("hostname").asString()).isEqualTo("printer"));
        }
        assertThat(run("reservation-del", "{\"subnet-id\": 2, \"ip-address\": \"2001:db8:2::78\"}").text())
                .isEqualTo("Host deleted.");
        JsonNode deleted = store.memory().changesSince(store.memory().epoch(), before + 1);
        assertThat(deleted.get("deleted")).hasSize(1);
        assertThat(store.memory().reservedAt(new io.dhcpsuite.lease.v6.Lease6Key(
                io.dhcpsuite.config.Prefix6.address("2001:db8:2::78"), io.dhcpsuite.lease.v6.Lease6Key.NA))).isEmpty();
    }

    @Test
    @Order(3)
    void refusesChangesWithoutAHostsDatabase() {
        CommandDispatcher none = new CommandDispatcher();
        HostCommands6.register(none, () -> CONFIG, HostStore6.none(() -> CONFIG));
        assertThat(none.dispatch(CommandRequest.of("reservation-add", json("{\"reservation\": {\"subnet-id\": 1, "
                + "\"duid\": \"00:01\"}}"))).text()).isEqualTo("Host database not available, cannot add host.");
        assertThat(none.dispatch(CommandRequest.of("reservation-get-all", json("{\"subnet-id\": 1}"))).text())
                .isEqualTo("1 IPv6 host(s) found.");
    }

    private CommandResponse run(String command, String arguments) {
        return commands.dispatch(CommandRequest.of(command, json(arguments)));
    }

    private static JsonNode json(String s) {
        return JSON.readTree(s);
    }
}
