package io.dhcpsuite.lease.config;

import io.dhcpsuite.lease.store.LeaseView;
import static io.dhcpsuite.api.lease.LeaseOp4.Kind.REQUEST;
import static io.dhcpsuite.lease.TestSupport.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.ddns.LeaseDdns;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * lease-service's side of config-set: the leases stay, pools, reservations and subnet statistics
 * follow the new configuration, and a refused one changes nothing.
 */
class RunningConfigTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final SuiteConfig initial = KeaConfigLoader.parse(TestSupport.CONFIG, null);
    private final AllocationEngine engine = TestSupport.engine(initial.dhcp4(), clock);
    private final RunningConfig running = new RunningConfig(initial, engine, LeaseDdns.disabled(initial.dhcp4()));
    private final CommandDispatcher d = new CommandDispatcher();
    private final Statistics stats = engine.stats().statistics();

    RunningConfigTest() {
        ConfigPhases.registerGet(d, running::dhcp4);
        ConfigPhases.register(d, running);
    }

    /** Subnet 1 with a bigger pool and the same reservations, subnet 2 gone, subnet 3 new. */
    private static final String NEXT = """
            {"Dhcp4": {
              "valid-lifetime": 3600, "decline-probation-period": 600,
              "expired-leases-processing": { "reclaim-timer-wait-time": 10, "flush-reclaimed-timer-wait-time": 25,
                                             "hold-reclaimed-time": 3600, "max-reclaim-leases": 100, "max-reclaim-time": 0 },
              "lease-database": { "type": "memfile", "persist": false },
              "subnet4": [
                { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.49" } ],
                  "reservations": [ { "hw-address": "aa:00:00:00:00:15", "ip-address": "192.0.2.15" } ] },
                { "id": 3, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.10 - 203.0.113.19" } ] }
              ]
            }, "token": "t"}
            """;

    private CommandResponse run(String command, String args) {
        return d.dispatch(CommandRequest.of(command, JSON.readTree(args)));
    }

    private LeaseResult4 request(String hw, long subnet) {
        return engine.apply(List.of(op(REQUEST, hw, null, false, null, List.of(subnet), List.of()))).results().get(0);
    }

    private String hash() {
        return run("config-hash-get", "{}").arguments().get("hash").asString();
    }

    @Test
    void keepsLeasesAndRecountsPoolsAndStatistics() {
        String inOne = request("02:00:00:00:00:01", 1).lease().ipAddress();
        String inTwo = request("02:00:00:00:00:02", 2).lease().ipAddress();
        assertThat(inOne).isEqualTo("192.0.2.10");
        assertThat(stats.value("subnet[1].total-addresses")).isEqualTo(12);

        assertThat(run(ConfigPhases.PREPARE, NEXT).result()).isZero();
        assertThat(stats.value("subnet[1].total-addresses")).as("prepare installs nothing").isEqualTo(12);
        CommandResponse commit = run(ConfigPhases.COMMIT, "{\"token\": \"t\"}");
        assertThat(commit.text()).isEqualTo("Configuration successful.");
        assertThat(commit.arguments().get("hash").asString()).isEqualTo(hash());

        // both leases are still stored, the one of the removed subnet too
        assertThat(engine.store().read((LeaseView v) -> v.all().size())).isEqualTo(2);
        assertThat(engine.store().read((LeaseView v) -> v.get(io.dhcpsuite.codec.Ipv4.parse(inTwo)))).isNotNull();
        assertThat(stats.value("subnet[1].total-addresses")).isEqualTo(40);
        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(stats.value("subnet[1].pool[0].assigned-addresses")).isEqualTo(1);
        assertThat(stats.exists("subnet[1].pool[1].total-addresses")).isFalse();
        assertThat(stats.value("subnet[3].total-addresses")).isEqualTo(10);
        assertThat(stats.names()).noneMatch(n -> n.startsWith("subnet[2]."));
        assertThat(engine.subnet(2)).isNull();

        // the rebuilt bitmap knows .10 is taken and .15 reserved
        List<String> next = new java.util.ArrayList<>();
        for (int i = 3; i < 9; i++) {
            next.add(request(String.format("02:00:00:00:00:%02x", i), 1).lease().ipAddress());
        }
        assertThat(next).containsExactly("192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.14", "192.0.2.16",
                "192.0.2.17");
        assertThat(request("02:00:00:00:00:30", 3).lease().ipAddress()).startsWith("203.0.113.");
        assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(7);
    }

    @Test
    void refusedConfigurationChangesNothing() {
        request("02:00:00:00:00:01", 1);
        String before = hash();
        Dhcp4Config config = engine.config();
        CommandResponse r = run(ConfigPhases.PREPARE, NEXT.replace("192.0.2.10 - 192.0.2.49", "192.0.3.10 - 192.0.3.49"));
        assertThat(r.result()).isEqualTo(1);
        assertThat(r.text()).startsWith("Dhcp4/subnet4[0]/pools[0]/pool: ");
        assertThat(run(ConfigPhases.COMMIT, "{\"token\": \"t\"}").result()).isEqualTo(1);
        assertThat(hash()).isEqualTo(before);
        assertThat(engine.config()).isSameAs(config);
        assertThat(stats.value("subnet[1].total-addresses")).isEqualTo(12);
        assertThat(stats.value("subnet[2].total-addresses")).isEqualTo(2);
        assertThat(request("02:00:00:00:00:02", 1).lease().ipAddress()).isEqualTo("192.0.2.11");
    }

    @Test
    void refusesWhatNeedsARestart() {
        CommandResponse db = run(ConfigPhases.PREPARE, NEXT.replace("\"persist\": false", "\"persist\": true"));
        assertThat(db.text()).isEqualTo("Dhcp4/lease-database: changing the lease database needs a restart");
        CommandResponse rows = run(ConfigPhases.PREPARE, NEXT.replace("\"persist\": false",
                "\"persist\": false, \"max-row-errors\": -1"));
        assertThat(rows.text()).startsWith("Dhcp4/lease-database/max-row-errors: ");
        CommandResponse timers = run(ConfigPhases.PREPARE, NEXT.replace("\"reclaim-timer-wait-time\": 10",
                "\"reclaim-timer-wait-time\": 11"));
        assertThat(timers.text()).startsWith("Dhcp4/expired-leases-processing: ");
    }

    @Test
    void configGetShowsTheNewSectionAfterCommit() {
        run(ConfigPhases.PREPARE, NEXT);
        run(ConfigPhases.COMMIT, "{\"token\": \"t\"}");
        JsonNode got = run("config-get", "{}").arguments();
        assertThat(got.at("/Dhcp4/subnet4/1/id").asLong()).isEqualTo(3);
        assertThat(got.get("hash").asString()).isEqualTo(hash());
    }
}
