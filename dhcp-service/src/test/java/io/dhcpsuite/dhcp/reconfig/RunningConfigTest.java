package io.dhcpsuite.dhcp.reconfig;

import static io.dhcpsuite.dhcp.processing.TestKit.addr;
import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.dhcp.command.DhcpCommands;
import io.dhcpsuite.dhcp.processing.ServerSettings;
import io.dhcpsuite.dhcp.processing.TestKit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * dhcp-service's side of config-set/config-test: prepare builds without installing, commit swaps
 * the chain the packets run on, and a refused configuration leaves the same hash, the same
 * settings and the same answers.
 */
class RunningConfigTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RELAY = "192.0.2.2";
    private final TestKit kit = new TestKit();
    private final List<String> committed = new ArrayList<>();
    private final RunningConfig running = new RunningConfig(kit.config, kit.processor, Clock.systemUTC(),
            c -> committed.add("loggers"));
    private final CommandDispatcher d = commands();

    private CommandDispatcher commands() {
        CommandDispatcher out = DhcpCommands.register(new CommandDispatcher(), Clock.systemUTC(),
                new io.dhcpsuite.api.stats.Statistics(), kit.state, running::current,
                () -> kit.processor.settings().selector(), running::configuredAt, null);
        ConfigPhases.register(out, running);
        return out;
    }

    private CommandResponse run(String command, String args) {
        return d.dispatch(CommandRequest.of(command, args == null ? null : JSON.readTree(args)));
    }

    /** The test configuration's Dhcp4 with {@code from} replaced by {@code to}, as config-set arguments. */
    private static String dhcp4(String from, String to) {
        String text = TestKit.CONFIG.replace(from, to);
        JsonNode doc = JSON.readTree(text);
        return "{\"Dhcp4\": " + doc.get("Dhcp4") + ", \"token\": \"t1\"}";
    }

    private String routersOffered() {
        TestKit.Sent r = kit.send(query(MessageType.DISCOVER, "02:00:00:00:00:06", RELAY).build(), RELAY, 67);
        return addr(r.message().optionAddress(OptionCodes.ROUTERS));
    }

    private String hash() {
        return run("config-hash-get", null).arguments().get("hash").asString();
    }

    @Test
    void commitSwapsTheChainThePacketsRunOn() {
        assertThat(routersOffered()).isEqualTo("198.19.0.1");
        String before = hash();
        CommandResponse prepared = run(ConfigPhases.PREPARE,
                dhcp4("\"routers\", \"data\": \"198.19.0.1\"", "\"routers\", \"data\": \"198.19.0.99\""));
        assertThat(prepared.result()).isZero();
        // prepared, not installed
        assertThat(routersOffered()).isEqualTo("198.19.0.1");
        assertThat(hash()).isEqualTo(before);

        CommandResponse commit = run(ConfigPhases.COMMIT, "{\"token\": \"t1\"}");
        assertThat(commit.result()).isZero();
        assertThat(commit.text()).isEqualTo("Configuration successful.");
        assertThat(commit.arguments().get("hash").asString()).isEqualTo(hash()).isNotEqualTo(before)
                .isEqualTo(prepared.arguments().get("hash").asString());
        assertThat(routersOffered()).isEqualTo("198.19.0.99");
        assertThat(run("config-get", null).arguments().at("/Dhcp4/subnet4/0/option-data/0/data").asString())
                .isEqualTo("198.19.0.99");
        assertThat(committed).containsExactly("loggers");
    }

    @Test
    void refusedConfigurationChangesNothing() {
        ServerSettings settings = kit.processor.settings();
        String before = hash();
        CommandResponse r = run(ConfigPhases.PREPARE, dhcp4("198.19.0.10 - 198.19.0.200", "10.0.0.10 - 10.0.0.20"));
        assertThat(r.result()).isEqualTo(1);
        assertThat(r.text()).startsWith("Dhcp4/subnet4[0]/pools[0]/pool: ").contains("not inside subnet");
        assertThat(run(ConfigPhases.COMMIT, "{\"token\": \"t1\"}").result()).isEqualTo(1);
        assertThat(kit.processor.settings()).isSameAs(settings);
        assertThat(hash()).isEqualTo(before);
        assertThat(routersOffered()).isEqualTo("198.19.0.1");
    }

    @Test
    void abortDropsThePreparedConfiguration() {
        String before = hash();
        assertThat(run(ConfigPhases.PREPARE, dhcp4("198.19.0.1\"", "198.19.0.98\"")).result()).isZero();
        assertThat(run(ConfigPhases.ABORT, "{\"token\": \"t1\"}").result()).isZero();
        assertThat(run(ConfigPhases.COMMIT, "{\"token\": \"t1\"}").result()).isEqualTo(1);
        assertThat(hash()).isEqualTo(before);
    }

    @Test
    void configTestAnswersKeasTextAndInstallsNothing() {
        String before = hash();
        CommandResponse ok = run("config-test", dhcp4("198.19.0.1\"", "198.19.0.97\""));
        assertThat(ok.result()).isZero();
        assertThat(ok.text()).isEqualTo("Configuration seems sane. Control-socket, hook-libraries, and D2 "
                + "configuration were sanity checked, but not applied.");
        assertThat(hash()).isEqualTo(before);
        CommandResponse bad = run("config-test", dhcp4("\"valid-lifetime\": 4000", "\"valid-lifetim\": 4000"));
        assertThat(bad.result()).isEqualTo(1);
        assertThat(bad.text()).startsWith("Dhcp4/valid-lifetim");
        assertThat(run("config-test", "{}").text()).isEqualTo("Missing mandatory 'arguments' parameter.");
        assertThat(run("config-test", "{\"Dhcp6\": {}}").text()).isEqualTo("Unsupported 'Dhcp6' parameter.");
    }

    @Test
    void refusesChangesThatNeedARestartNamingTheKey() {
        CommandResponse sockets = run(ConfigPhases.PREPARE, dhcp4("lo/127.0.0.2", "lo/127.0.0.3"));
        assertThat(sockets.result()).isEqualTo(1);
        assertThat(sockets.text()).startsWith("Dhcp4/interfaces-config: changing the listening sockets needs a restart");
        CommandResponse db = run(ConfigPhases.PREPARE, dhcp4("\"valid-lifetime\": 4000,",
                "\"valid-lifetime\": 4000, \"lease-database\": {\"type\": \"memfile\", \"persist\": false},"));
        assertThat(db.text()).isEqualTo("Dhcp4/lease-database: changing the lease database needs a restart");
    }

    @Test
    void statusGetReloadRestartsOnCommit() {
        assertThat(run("status-get", null).arguments().get("reload").asLong()).isGreaterThanOrEqualTo(0);
        run(ConfigPhases.PREPARE, dhcp4("198.19.0.1\"", "198.19.0.96\""));
        java.time.Instant before = running.configuredAt();
        run(ConfigPhases.COMMIT, "{\"token\": \"t1\"}");
        assertThat(running.configuredAt()).isAfterOrEqualTo(before);
        assertThat(run("status-get", null).arguments().get("reload").asLong()).isZero();
    }
}
