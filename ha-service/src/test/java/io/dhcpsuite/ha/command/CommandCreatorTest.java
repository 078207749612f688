package io.dhcpsuite.ha.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.config.ha.HaState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The commands' arguments as Kea's command_creator.cc builds them (Kea 2.7 documentation of each command). */
class CommandCreatorTest {
    @Test
    void dhcpDisableCarriesTheRemoteOriginAndMaxPeriod() {
        CommandRequest r = CommandCreator.dhcpDisable(2001, 60);
        assertThat(r.command()).isEqualTo("dhcp-disable");
        assertThat(r.service()).containsExactly("dhcp4");
        assertThat(r.arguments().toString()).isEqualTo("{\"origin-id\":2001,\"origin\":\"ha-partner\",\"max-period\":60}");
        assertThat(CommandCreator.dhcpDisable(2000, 0).arguments().has("max-period")).isFalse();
        assertThat(CommandCreator.dhcpEnable(2000).arguments().toString())
                .isEqualTo("{\"origin-id\":2000,\"origin\":\"ha-partner\"}");
    }

    @Test
    void leasePagesStartAtStartAndRefuseALimitOfZero() {
        assertThat(CommandCreator.lease4GetPage("start", 100).arguments().toString())
                .isEqualTo("{\"from\":\"start\",\"limit\":100}");
        assertThatThrownBy(() -> CommandCreator.lease4GetPage("start", 0))
                .hasMessage("limit value for lease4-get-page command must not be 0");
    }

    @Test
    void aPartnersLeaseIsStoredWithExpireForcedAndMarkedAsFromThePartner() {
        var lease = JsonMapper.builder().build().readTree("""
                {"ip-address": "192.0.2.10", "hw-address": "0e:00:00:00:00:01", "cltt": 1800000000,
                 "valid-lft": 3600, "subnet-id": 1, "state": 0}""");
        CommandRequest r = CommandCreator.lease4UpdateFromPartner(lease);
        assertThat(r.command()).isEqualTo("lease4-update");
        assertThat(r.arguments().get("expire").asLong()).isEqualTo(1_800_003_600L);
        assertThat(r.arguments().has("cltt")).isFalse();
        assertThat(r.arguments().get("force-create").asBoolean()).isTrue();
        assertThat(r.arguments().get("origin").asString()).isEqualTo("ha-partner");
        assertThat(lease.has("cltt")).as("the partner's lease is not modified").isTrue();
    }

    @Test
    void heartbeatAnswersInKeasShapeWithAnRfc1123DateThatParsesBack() {
        Instant now = Instant.parse("2026-12-06T09:05:03Z");
        var a = CommandCreator.heartbeatAnswer(HaState.HOT_STANDBY, now, List.of("server1"), 0);
        assertThat(a.toString()).isEqualTo("{\"state\":\"hot-standby\",\"date-time\":\"Sun, 06 Dec 2026 09:05:03 GMT\","
                + "\"scopes\":[\"server1\"],\"unsent-update-count\":0}");
        assertThat(CommandCreator.parseDateTime("Sun, 06 Dec 2026 09:05:03 GMT")).isEqualTo(now);
        assertThat(CommandCreator.parseDateTime("Sun, 6 Dec 2026 09:05:03 GMT")).isEqualTo(now);
        assertThat(CommandCreator.parseDateTime("yesterday")).isNull();
    }

    @Test
    void notificationsNameTheSenderAndItsOrigin() {
        assertThat(CommandCreator.syncCompleteNotify("server1", 2000).arguments().toString())
                .isEqualTo("{\"server-name\":\"server1\",\"origin-id\":2000,\"origin\":2000}");
        assertThat(CommandCreator.maintenanceNotify("server1", false, HaState.HOT_STANDBY).arguments().toString())
                .isEqualTo("{\"server-name\":\"server1\",\"cancel\":false,\"state\":\"hot-standby\"}");
        assertThat(CommandCreator.heartbeat("server1").arguments().toString()).isEqualTo("{\"server-name\":\"server1\"}");
        assertThat(CommandCreator.HA_COMMANDS4).contains("lease4-get-page", "ha-sync-complete-notify").hasSize(12);
    }
}
