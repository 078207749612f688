package io.dhcpsuite.lease.v6.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.v6.Allocation6Engine;
import io.dhcpsuite.lease.v6.V6Support;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * stat-lease6-get and stat-lease4-get (Kea's stat_cmds) over the lease statistics, table-driven;
 * columns and texts as kea-dhcp6/kea-dhcp4 2.2.0 with libdhcp_stat_cmds.so answer them.
 */
class StatLeaseCommandsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Allocation6Engine engine = V6Support.engine(V6Support.config(), clock);
    final Statistics stats4 = new Statistics(clock);
    final CommandDispatcher d = new CommandDispatcher();

    StatLeaseCommandsTest() {
        stats4.set("subnet[3].total-addresses", 11);
        stats4.set("subnet[3].assigned-addresses", 2);
        StatLeaseCommands.register4(d, stats4, () -> List.of(3L));
        StatLeaseCommands.register6(d, engine.stats().statistics(), () -> List.of(2L, 1L));
    }

    CommandResponse cmd(String command, String args) {
        return d.dispatch(CommandRequest.of(command, args == null ? null : JSON.readTree(args)));
    }

    @Test
    void countsPerSubnetAsAResultSet() {
        engine.apply(List.of(V6Support.op(Kind.ASSIGN, V6Support.duid(1), List.of(1L), V6Support.na(1), V6Support.pd(2))));
        record Row(String command, String args, int result, String text, int rows) {
        }
        for (Row r : List.of(
                new Row("stat-lease6-get", null, 0, "stat-lease6-get[all subnets]: 2 rows found", 2),
                new Row("stat-lease6-get", "{\"subnet-id\": 1}", 0, "stat-lease6-get[subnet-id=1]: 1 rows found", 1),
                new Row("stat-lease6-get", "{\"subnet-range\": {\"first-subnet-id\": 2, \"last-subnet-id\": 5}}", 0,
                        "stat-lease6-get[subnets 2 through 5]: 1 rows found", 1),
                new Row("stat-lease6-get", "{\"subnet-range\": {\"first-subnet-id\": 7, \"last-subnet-id\": 9}}", 3,
                        "stat-lease6-get[subnets 7 through 9]: 0 rows found", 0),
                new Row("stat-lease6-get", "{\"subnet-id\": 7}", 3,
                        "stat-lease6-get[subnet-id=7]: no matching data, subnet-id: 7 does not exist", -1),
                new Row("stat-lease6-get", "{\"bogus\": 1}", 0, "stat-lease6-get[all subnets]: 2 rows found", 2),
                new Row("stat-lease6-get", "{\"subnet-id\": -1}", 1, null, -1),
                new Row("stat-lease4-get", null, 0, "stat-lease4-get[all subnets]: 1 rows found", 1))) {
            CommandResponse resp = cmd(r.command(), r.args());
            assertThat(resp.result()).as(r.toString()).isEqualTo(r.result());
            if (r.text() != null) {
                assertThat(resp.text()).isEqualTo(r.text());
            }
            if (r.rows() >= 0) {
                assertThat(resp.arguments().at("/result-set/rows")).hasSize(r.rows());
            }
        }
        JsonNode set = cmd("stat-lease6-get", null).arguments().get("result-set");
        assertThat(set.get("columns").valueStream().map(JsonNode::asString)).containsExactly("subnet-id", "total-nas",
                "cumulative-assigned-nas", "assigned-nas", "declined-nas", "total-pds", "cumulative-assigned-pds",
                "assigned-pds");
        // subnet 1: 5 addresses in pools, 1 assigned; 256 /56 prefixes, 1 delegated
        assertThat(set.get("rows").get(0).valueStream().map(JsonNode::asLong)).containsExactly(1L, 5L, 1L, 1L, 0L, 256L, 1L, 1L);
        assertThat(set.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        JsonNode v4 = cmd("stat-lease4-get", null).arguments().get("result-set");
        assertThat(v4.get("rows").get(0).valueStream().map(JsonNode::asLong)).containsExactly(3L, 11L, 0L, 2L, 0L);
    }
}
