package io.dhcpsuite.lease.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reservation-* commands held to Kea's host_cmds chapter of the ARM: each row is a command
 * from (or shaped like) the chapter's examples, with the result code and text the chapter gives.
 * Rows run in order against one hosts database, so later rows see what earlier ones added. Where
 * the chapter's prose and host_cmds.cc disagree (a host not found is result 3 in the code, 0 in
 * older prose), the code wins and the row says so. PostgreSQL: see {@link HostsPostgres}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private AllocationEngine engine;
    private HostStore store;
    private io.dhcpsuite.config.LeaseDatabase db;
    private final CommandDispatcher commands = new CommandDispatcher();

    /** A command and what the ARM says it answers; a text ending in "..." is a prefix. */
    record Row(String command, String arguments, int result, String text) {
    }

    @BeforeAll
    void open() {
        engine = TestSupport.engine(TestSupport.config(), Clock.systemUTC());
        db = HostsPostgres.freshDatabase();
        store = HostStore.open(List.of(db), null, engine);
        HostCommands.register(commands, engine, store);
    }

    @AfterAll
    void close() {
        try {
            store.close();
        } finally {
            HostsPostgres.drop(db);
        }
    }

    static final List<Row> ARM = List.of(
            // reservation-add: "Host added.", failures are result 1 with a text
            new Row("reservation-add", "{}", 1, "no parameters specified for the command"),
            new Row("reservation-add", "{\"operation-target\": \"alternate\"}", 1, "reservation must be specified"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\", "
                    + "\"ip-address\": \"192.0.2.202\"}}", 0, "Host added."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}",
                    1, "Database duplicate entry error..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"client-id\": \"01:0a:0b:0c:0d:0e:0f\", "
                    + "\"ip-address\": \"192.0.2.205\", \"next-server\": \"192.0.2.1\", \"server-hostname\": \"hal9000\", "
                    + "\"boot-file-name\": \"/dev/null\", \"option-data\": [ { \"name\": \"domain-name-servers\", "
                    + "\"data\": \"10.1.1.202,10.1.1.203\" } ], \"client-classes\": [ \"special_snowflake\", \"office\" ] }}",
                    0, "Host added."),
            new Row("reservation-add", "{\"reservation\": {\"hw-address\": \"1a:1b:1c:1d:1e:20\", \"ip-address\": \"192.0.2.206\"}}",
                    1, "Mandatory 'subnet-id' parameter missing. The address '192.0.2.206' belongs to subnet '192.0.2.0/24' id 1."),
            new Row("reservation-add", "{\"reservation\": {\"hw-address\": \"1a:1b:1c:1d:1e:21\"}}",
                    0, "Host added. subnet-id not specified, assumed global (subnet-id 0)."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 7, \"hw-address\": \"1a:1b:1c:1d:1e:22\"}}",
                    1, "IPv4 subnet with ID of '7' is not configured"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 2, \"hw-address\": \"1a:1b:1c:1d:1e:23\", "
                    + "\"ip-address\": \"192.0.2.9\"}}",
                    1, "specified reservation '192.0.2.9' is not matching the IPv4 subnet prefix '198.51.100.0/24'"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:24\", "
                    + "\"ip-address\": \"192.0.2.202\"}}", 1, "Database duplicate entry error: address 192.0.2.202..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:25\", "
                    + "\"ip-address\": \"192.0.2.50\"}}", 1, "Database duplicate entry error: address 192.0.2.50..."),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:26\"}, "
                    + "\"operation-target\": \"bogus\"}", 1,
                    "The 'operation-target' value (bogus) is not within expected set: (primary, alternate, all, default)"),
            new Row("reservation-add", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:27\", "
                    + "\"bogus-key\": 1}}", 1, "reservation/bogus-key..."),
            // reservation-get: "Host found." / "Host not found." (result 3 in host_cmds.cc; the prose says 0)
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.202\"}", 0, "Host found."),
            new Row("reservation-get", "{\"subnet-id\": 4, \"identifier-type\": \"hw-address\", "
                    + "\"identifier\": \"01:02:03:04:05:06\"}", 3, "Host not found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\", "
                    + "\"identifier\": \"aa:00:00:00:00:50\"}", 0, "Host found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\", "
                    + "\"identifier\": \"aa:00:00:00:00:50\", \"operation-target\": \"alternate\"}", 3, "Host not found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.202\", \"operation-target\": \"primary\"}",
                    3, "Host not found."),
            new Row("reservation-get", "{}", 1, "Parameters missing or are not a map."),
            new Row("reservation-get", "{\"subnet-id\": 1}", 1,
                    "No 'ip-address' provided and 'identifier-type' is either missing or not a string."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\"}", 1,
                    "No 'ip-address' provided and 'identifier' is either missing or not a string."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"foo\", \"identifier\": \"01:02\"}", 1,
                    "Value of 'identifier-type' was not recognized."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\", \"identifier\": \"zz\"}", 1,
                    "Unable to parse 'identifier' value."),
            new Row("reservation-get", "{\"ip-address\": \"192.0.2.202\"}", 1,
                    "missing parameter 'subnet-id', use 'reservation-get-by-address' with 'ip-address' set to "
                            + "\"192.0.2.202\" to get the list of reservations with this address"),
            // reservation-get-all: "N IPv4 host(s) found.", file and database by default
            new Row("reservation-get-all", "{\"subnet-id\": 1}", 0, "4 IPv4 host(s) found."),
            new Row("reservation-get-all", "{\"subnet-id\": 1, \"operation-target\": \"alternate\"}", 0, "2 IPv4 host(s) found."),
            new Row("reservation-get-all", "{\"subnet-id\": 0}", 0, "1 IPv4 host(s) found."),
            new Row("reservation-get-all", "{\"subnet-id\": 2}", 3, "0 IPv4 host(s) found."),
            // reservation-get-by-*
            new Row("reservation-get-by-address", "{\"ip-address\": \"192.0.2.202\"}", 0, "1 IPv4 host(s) found."),
            new Row("reservation-get-by-address", "{\"ip-address\": \"192.0.2.202\", \"subnet-id\": 2}", 3, "0 IPv4 host(s) found."),
            new Row("reservation-get-by-id", "{\"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\"}",
                    0, "1 IPv4 host(s) found."),
            new Row("reservation-get-by-id", "{\"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\", "
                    + "\"subnet-id\": 1}", 1, "'subnet-id' is forbidden in reservation-get-by-id"),
            new Row("reservation-get-by-hostname", "{\"hostname\": \"\"}", 1, "Empty hostname"),
            // reservation-update: "Host updated.", the whole host replaced
            new Row("reservation-update", "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\", "
                    + "\"ip-address\": \"192.0.2.203\", \"hostname\": \"somehost.example.org\"}}", 0, "Host updated."),
            new Row("reservation-get-by-hostname", "{\"hostname\": \"SomeHost.Example.org\", \"subnet-id\": 1}",
                    0, "1 IPv4 host(s) found."),
            new Row("reservation-get", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.202\"}", 3, "Host not found."),
            new Row("reservation-update", "{\"reservation\": 5}", 1,
                    "invalid command: expected 'reservation' to be a map, got integer instead"),
            new Row("reservation-update", "{\"foo\": 5}", 1, "invalid command: expected 'reservation' as the sole "
                    + "parameter inside the 'arguments' map, didn't get it instead"),
            new Row("reservation-update", "{\"reservation\": {\"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}", 1,
                    "Mandatory 'subnet-id' parameter missing."),
            // reservation-del: "Host deleted." / "Host not deleted (not found)." (result 3 in host_cmds.cc)
            new Row("reservation-del", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.203\"}", 0, "Host deleted."),
            new Row("reservation-del", "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.203\"}", 3, "Host not deleted (not found)."),
            new Row("reservation-del", "{\"subnet-id\": 4, \"identifier-type\": \"hw-address\", "
                    + "\"identifier\": \"01:02:03:04:05:06\"}", 3, "Host not deleted (not found)."),
            new Row("reservation-del", "{\"subnet-id\": 1, \"identifier-type\": \"client-id\", "
                    + "\"identifier\": \"01:0a:0b:0c:0d:0e:0f\"}", 0, "Host deleted."),
            new Row("reservation-del", "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\", "
                    + "\"identifier\": \"aa:00:00:00:00:50\", \"operation-target\": \"primary\"}", 1,
                    "reservation-del with operation-target 'primary'..."));

    @TestFactory
    @Order(1)
    Stream<DynamicTest> answersAsTheArmSays() {
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
    void printsTheHostAsKeaDoes() {
        run("reservation-add", "{\"reservation\": {\"subnet-id\": 2, \"circuit-id\": \"'port-7'\", "
                + "\"ip-address\": \"198.51.100.77\", \"hostname\": \"printer.example.org\", \"next-server\": \"198.51.100.1\", "
                + "\"server-hostname\": \"tftp\", \"boot-file-name\": \"pxelinux.0\", "
                + "\"option-data\": [ { \"name\": \"domain-name-servers\", \"data\": \"192.0.2.53\" } ], "
                + "\"client-classes\": [ \"printers\" ] }}");
        CommandResponse r = run("reservation-get", "{\"subnet-id\": 2, \"identifier-type\": \"circuit-id\", "
                + "\"identifier\": \"'port-7'\"}");
        JsonNode h = r.arguments();
        assertThat(r.text()).isEqualTo("Host found.");
        assertThat(h.get("circuit-id").asString()).isEqualTo("706F72742D37");
        assertThat(h.get("ip-address").asString()).isEqualTo("198.51.100.77");
        assertThat(h.get("hostname").asString()).isEqualTo("printer.example.org");
        assertThat(h.get("next-server").asString()).isEqualTo("198.51.100.1");
        assertThat(h.get("server-hostname").asString()).isEqualTo("tftp");
        assertThat(h.get("boot-file-name").asString()).isEqualTo("pxelinux.0");
        assertThat(h.get("client-classes").get(0).asString()).isEqualTo("printers");
        assertThat(h.get("option-data").get(0).get("code").asInt()).isEqualTo(6);
        assertThat(h.get("option-data").get(0).get("data").asString()).isEqualTo("192.0.2.53");
        assertThat(h.get("subnet-id").asLong()).isEqualTo(2);
        // the same host through the identifier's hex form
        assertThat(run("reservation-get", "{\"subnet-id\": 2, \"identifier-type\": \"circuit-id\", "
                + "\"identifier\": \"706f72742d37\"}").result()).isZero();
    }

    @Test
    void pagesThroughTheFileThenTheDatabase() {
        for (int i = 0; i < 3; i++) {
            assertThat(run("reservation-add", "{\"reservation\": {\"subnet-id\": 2, \"hw-address\": \"0e:00:00:00:00:0" + i
                    + "\", \"ip-address\": \"198.51.100.2" + i + "\"}}").result()).isZero();
        }
        // subnet 2 has no file reservations: the first page comes from source 1, the database
        CommandResponse p1 = run("reservation-get-page", "{\"subnet-id\": 2, \"limit\": 2}");
        assertThat(p1.result()).isZero();
        assertThat(p1.text()).isEqualTo("2 IPv4 host(s) found.");
        JsonNode next = p1.arguments().get("next");
        assertThat(next.get("source-index").asInt()).isEqualTo(1);
        CommandResponse p2 = run("reservation-get-page", "{\"subnet-id\": 2, \"limit\": 2, \"source-index\": 1, \"from\": "
                + next.get("from").asLong() + "}");
        int rest = p2.arguments().get("count").asInt();
        assertThat(rest).isPositive();
        JsonNode n2 = p2.arguments().get("next");
        CommandResponse end = run("reservation-get-page", "{\"subnet-id\": 2, \"limit\": 100, \"source-index\": "
                + n2.get("source-index").asInt() + ", \"from\": " + n2.get("from").asLong() + "}");
        assertThat(end.result()).isEqualTo(3);
        assertThat(end.text()).isEqualTo("0 IPv4 host(s) found.");
        assertThat(end.arguments().get("count").asInt()).isZero();
        assertThat(end.arguments().has("next")).isFalse();
        // without subnet-id the file's reservations (subnet 1) come first, from source 0
        CommandResponse all = run("reservation-get-page", "{\"limit\": 2}");
        assertThat(all.arguments().get("next").get("source-index").asInt()).isZero();
        assertThat(all.arguments().get("hosts").get(0).get("subnet-id").asLong()).isEqualTo(1);
        assertThat(run("reservation-get-page", "{\"subnet-id\": 2}").text()).isEqualTo("missing parameter 'limit'");
    }

    @Test
    void refusesChangesWithoutAHostsDatabase() {
        CommandDispatcher none = new CommandDispatcher();
        HostCommands.register(none, engine, HostStore.none(engine));
        assertThat(none.dispatch(CommandRequest.of("reservation-add", json("{\"reservation\": {\"subnet-id\": 1, "
                + "\"hw-address\": \"01:02:03:04:05:06\"}}"))).text())
                .isEqualTo("Host database not available, cannot add host.");
        assertThat(none.dispatch(CommandRequest.of("reservation-del", json("{\"subnet-id\": 1, "
                + "\"ip-address\": \"192.0.2.10\"}"))).text())
                .isEqualTo("Unable to delete a host because there is no hosts-database configured.");
        assertThat(none.dispatch(CommandRequest.of("reservation-update", json("{\"reservation\": {\"subnet-id\": 1, "
                + "\"hw-address\": \"01:02:03:04:05:06\"}}"))).text())
                .isEqualTo("host database not available, cannot update host");
        // reads still answer from the file
        assertThat(none.dispatch(CommandRequest.of("reservation-get-all", json("{\"subnet-id\": 1}"))).text())
                .isEqualTo("2 IPv4 host(s) found.");
    }

    private CommandResponse run(String command, String args) {
        return commands.dispatch(CommandRequest.of(command, json(args)));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
