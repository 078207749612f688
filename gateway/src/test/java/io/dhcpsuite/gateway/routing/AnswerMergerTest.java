package io.dhcpsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AnswerMergerTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void statusGetForDhcp4AsksDhcpServiceAndHaService() {
        assertThat(ServiceRoutes.targets("dhcp4", "status-get"))
                .containsExactly(ServiceRoutes.Target.DHCP, ServiceRoutes.Target.HA);
    }

    @Test
    void dhcp6LeaseCommandsGoToLeaseServiceStatisticsToBothTheRestToDhcpService() {
        for (String c : List.of("lease6-get", "lease6-bulk-apply", "stat-lease6-get", "leases-reclaim",
                "reservation-add", "reservation-get-page", "reservation-del")) {
            assertThat(ServiceRoutes.targets("dhcp6", c)).as(c).containsExactly(ServiceRoutes.Target.LEASE);
        }
        for (String c : List.of("statistic-get-all", "list-commands")) {
            assertThat(ServiceRoutes.targets("dhcp6", c)).as(c)
                    .containsExactly(ServiceRoutes.Target.DHCP, ServiceRoutes.Target.LEASE);
        }
        for (String c : List.of("config-get", "dhcp-disable", "dhcp-enable")) {
            assertThat(ServiceRoutes.targets("dhcp6", c)).as(c).containsExactly(ServiceRoutes.Target.DHCP);
        }
        // kea-dhcp6's HA hook: ha-service's DHCPv6 relationship; status-get carries its section
        for (String c : List.of("ha-heartbeat", "ha-sync", "ha-scopes", "ha-maintenance-start")) {
            assertThat(ServiceRoutes.targets("dhcp6", c)).as(c).containsExactly(ServiceRoutes.Target.HA);
            assertThat(ServiceRoutes.servesDhcp6(c)).as(c).isTrue();
        }
        assertThat(ServiceRoutes.targets("dhcp6", "status-get")).containsExactly(ServiceRoutes.Target.DHCP, ServiceRoutes.Target.HA);
        assertThat(ServiceRoutes.servesDhcp6("dhcp-disable")).isTrue();
        assertThat(ServiceRoutes.targets("dhcp5", "lease6-get")).isEmpty();
        assertThat(ServiceRoutes.servesDhcp6("lease6-add")).isTrue();
        assertThat(ServiceRoutes.servesDhcp6("config-get")).as("answered from the Dhcp6 section").isTrue();
        assertThat(ServiceRoutes.targets("dhcp6", "config-test")).as("both services check a Dhcp6 section")
                .containsExactly(ServiceRoutes.Target.DHCP, ServiceRoutes.Target.LEASE);
        assertThat(ServiceRoutes.servesDhcp6("lease4-get-all")).isFalse();
        assertThat(ServiceRoutes.servesDhcp6("reservation-get-by-id")).as("host_cmds for dhcp6").isTrue();
    }

    @Test
    void statusGetCarriesTheHighAvailabilitySectionOfHaService() {
        CommandResponse dhcp = CommandResponse.success(null, JSON.readTree("{\"pid\": 7, \"uptime\": 3}"));
        CommandResponse ha = CommandResponse.success(null, JSON.readTree(
                "{\"pid\": 9, \"high-availability\": [ {\"ha-mode\": \"hot-standby\"} ]}"));
        CommandResponse merged = AnswerMerger.merge("status-get", List.of(dhcp, ha));
        assertThat(merged.arguments().get("pid").asInt()).isEqualTo(7);
        assertThat(merged.arguments().at("/high-availability/0/ha-mode").asString()).isEqualTo("hot-standby");
        assertThat(dhcp.arguments().has("high-availability")).as("the original answer is not modified").isFalse();
    }

    @Test
    void statusGetWithoutHaOrWithHaServiceDownIsDhcpServicesAnswer() {
        CommandResponse dhcp = CommandResponse.success(null, JSON.readTree("{\"pid\": 7}"));
        CommandResponse down = CommandResponse.error("unable to forward command to the dhcp4 service: Connection refused."
                + " The server is likely to be offline");
        assertThat(AnswerMerger.merge("status-get", List.of(dhcp, down))).isSameAs(dhcp);
        CommandResponse none = CommandResponse.success(null, JSON.readTree("{\"high-availability\": []}"));
        assertThat(AnswerMerger.merge("status-get", List.of(dhcp, none))).isSameAs(dhcp);
    }
}
