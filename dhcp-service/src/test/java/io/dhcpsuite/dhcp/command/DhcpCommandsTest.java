package io.dhcpsuite.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.processing.DhcpState;
import io.dhcpsuite.dhcp.processing.TestKit;
import io.dhcpsuite.dhcp.selection.SubnetSelector;
import io.dhcpsuite.dhcp.stats.PacketStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DhcpCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock();
    private final Statistics statistics = new Statistics(clock);
    private final PacketStats stats = new PacketStats(statistics);
    private final DhcpState state = new DhcpState(clock);
    private final SuiteConfig config = KeaConfigLoader.parse(TestKit.CONFIG, null);
    private final CommandDispatcher d = DhcpCommands.register(new CommandDispatcher(), clock, statistics, state,
            config, new SubnetSelector(config.dhcp4()), null);

    private CommandResponse run(String command, String args) {
        return d.dispatch(CommandRequest.of(command, args == null ? null : JSON.readTree(args)));
    }

    @Test
    void statisticGetShowsKeaSamples() {
        stats.received();
        stats.received();
        CommandResponse r = run("statistic-get", "{\"name\": \"pkt4-received\"}");
        assertThat(r.result()).isZero();
        assertThat(r.arguments().get("pkt4-received").get(0).get(0).asLong()).isEqualTo(2);
        assertThat(run("statistic-get", "{\"name\": \"nope\"}").arguments().isEmpty()).isTrue();
        assertThat(run("statistic-get-all", null).arguments().has("pkt4-ack-sent")).isTrue();
    }

    @Test
    void statisticResetAndRemove() {
        stats.received();
        assertThat(run("statistic-reset", "{\"name\": \"pkt4-received\"}").result()).isZero();
        assertThat(statistics.value("pkt4-received")).isZero();
        assertThat(run("statistic-remove", "{\"name\": \"pkt4-received\"}").result()).isZero();
        assertThat(run("statistic-remove", "{\"name\": \"pkt4-received\"}").text())
                .isEqualTo("No 'pkt4-received' statistic found");
        stats.received();
        assertThat(statistics.value("pkt4-received")).isEqualTo(1);
        assertThat(run("statistic-reset-all", null).result()).isZero();
        assertThat(run("statistic-remove-all", null).result()).isZero();
        assertThat(statistics.names()).isEmpty();
    }

    @Test
    void dhcpDisableWithMaxPeriodReEnables() {
        CommandResponse r = run("dhcp-disable", "{\"max-period\": 30}");
        assertThat(r.text()).isEqualTo("DHCPv4 service disabled for 30 seconds");
        assertThat(state.enabled()).isFalse();
        JsonNode status = run("status-get", null).arguments();
        assertThat(status.get("dhcp-state").get("globally-disabled").asBoolean()).isTrue();
        assertThat(status.get("dhcp-state").get("disabled-by-user").asBoolean()).isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(state.enabled()).isTrue();
        run("dhcp-disable", "{\"origin\": \"user\"}");
        assertThat(run("dhcp-enable", null).text()).isEqualTo("DHCP service successfully enabled");
        assertThat(state.enabled()).isTrue();
    }

    /** Each family's status-get shows its own network state: dhcp-disable for dhcp6 leaves DHCPv4 serving. */
    @Test
    void statusGetForDhcp6ShowsTheDhcpv6NetworkState() {
        DhcpState state6 = new DhcpState(clock);
        io.dhcpsuite.api.command.ServiceDispatcher sd = new io.dhcpsuite.api.command.ServiceDispatcher();
        DhcpCommands.register(sd, clock, statistics, state, config, new SubnetSelector(config.dhcp4()), null);
        DhcpCommands.registerNetworkState(sd.dhcp6(), state6, "DHCPv6");
        DhcpCommands.registerStatus6(sd, state6);
        java.util.List<String> v6 = java.util.List.of("dhcp6");
        CommandResponse r = sd.dispatch(new CommandRequest("dhcp-disable", v6, null));
        assertThat(r.text()).isEqualTo("DHCPv6 service disabled");
        JsonNode status6 = sd.dispatch(new CommandRequest("status-get", v6, null)).arguments();
        assertThat(status6.get("dhcp-state").get("disabled-by-user").asBoolean()).isTrue();
        assertThat(status6.has("reload")).isTrue();
        JsonNode status4 = sd.dispatch(CommandRequest.of("status-get", null)).arguments();
        assertThat(status4.get("dhcp-state").get("globally-disabled").asBoolean()).isFalse();
        assertThat(state.enabled()).isTrue();
    }

    @Test
    void configGetCarriesDhcp4AndItsHash() {
        JsonNode args = run("config-get", null).arguments();
        assertThat(args.get("Dhcp4").has("subnet4")).isTrue();
        String hash = args.get("hash").asString();
        assertThat(hash).hasSize(64).isUpperCase();
        assertThat(run("config-hash-get", null).arguments().get("hash").asString()).isEqualTo(hash);
        assertThat(run("server-tag-get", null).arguments().get("server-tag").asString()).isEmpty();
    }

    @Test
    void subnetSelectTest() {
        assertThat(run("subnet4-select-test", "{\"relay\": \"192.0.2.2\"}").text())
                .isEqualTo("selected subnet '198.19.0.0/24' id 1");
        assertThat(run("subnet4-select-test", "{\"relay\": \"192.0.2.1\"}").text())
                .isEqualTo("selected shared network 'campus' starting with subnet '198.18.0.0/24' id 10");
        assertThat(run("subnet4-select-test", "{\"address\": \"203.0.113.9\"}").result()).isEqualTo(3);
        assertThat(run("subnet4-select-test", "{\"interface\": \"eth9\"}").text()).contains("id 2");
    }

    @Test
    void versionAndUnknownCommand() {
        assertThat(run("version-get", null).result()).isZero();
        assertThat(run("no-such-command", null).result()).isEqualTo(2);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
