package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HaCommandsTest {
    private HaServiceApplication.HaSetup setup;

    @AfterEach
    void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    CommandDispatcher dispatcher(String hooks) {
        SuiteConfig config = KeaConfigLoader.parse("{ \"Dhcp4\": { \"hooks-libraries\": [ " + hooks + " ] } }", null);
        // nothing listens on these ports: the partner and the local services are unreachable
        setup = new HaServiceApplication().haSetup(config, new HaServiceProperties("",
                new HaServiceProperties.Ha("http://127.0.0.1:9", "http://127.0.0.1:9", false, "")),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        return new HaServiceApplication().commandDispatcher(setup);
    }

    static final String HA = """
            { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": { "high-availability": [
              { "this-server-name": "server1", "mode": "hot-standby", "peers": [
                { "name": "server1", "url": "http://127.0.0.1:19801/", "role": "primary" },
                { "name": "server2", "url": "http://127.0.0.1:19802/", "role": "standby" } ] } ] } }""";

    @Test
    void withoutTheHookHaCommandsAreNotSupportedAndStatusHasNoRelationships() {
        CommandDispatcher d = dispatcher("");
        for (String command : new String[] {"ha-heartbeat", "ha-sync", "ha-scopes", "ha-maintenance-start"}) {
            CommandResponse answer = d.dispatch(CommandRequest.of(command, null));
            assertThat(answer.result()).as(command).isEqualTo(2);
            assertThat(answer.text()).isEqualTo("'" + command + "' command not supported.");
        }
        CommandResponse status = d.dispatch(CommandRequest.of("status-get", null));
        assertThat(status.arguments().get("high-availability")).isEmpty();
        assertThat(status.arguments().get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aConfiguredServerStartsWaitingAndSaysSoInHeartbeatAndStatus() {
        CommandDispatcher d = dispatcher(HA);
        CommandResponse hb = d.dispatch(CommandRequest.of("ha-heartbeat", null));
        assertThat(hb.result()).isZero();
        assertThat(hb.text()).isEqualTo("HA peer status returned.");
        assertThat(hb.arguments().get("state").asString()).isEqualTo("waiting");
        assertThat(hb.arguments().get("scopes")).isEmpty();
        assertThat(hb.arguments().get("date-time").asString()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        var ha = d.dispatch(CommandRequest.of("status-get", null)).arguments().get("high-availability").get(0);
        assertThat(ha.get("ha-mode").asString()).isEqualTo("hot-standby");
        assertThat(ha.at("/ha-servers/local/role").asString()).isEqualTo("primary");
        assertThat(ha.at("/ha-servers/local/state").asString()).isEqualTo("waiting");
        assertThat(ha.at("/ha-servers/remote/server-name").asString()).isEqualTo("server2");
        assertThat(ha.at("/ha-servers/remote/role").asString()).isEqualTo("standby");
    }

    @Test
    void refusesBadArgumentsWithKeasResultCodes() {
        CommandDispatcher d = dispatcher(HA);
        var json = JsonMapper.builder().build();
        CommandResponse scopes = d.dispatch(CommandRequest.of("ha-scopes", json.readTree("{\"scopes\": [\"server9\"]}")));
        assertThat(scopes.result()).isEqualTo(1);
        assertThat(scopes.text()).isEqualTo("invalid server name specified 'server9' while enabling/disabling HA scopes");
        assertThat(d.dispatch(CommandRequest.of("ha-scopes", json.readTree("{\"scopes\": [\"server1\"]}"))).result()).isZero();
        assertThat(d.dispatch(CommandRequest.of("ha-maintenance-notify", null)).result()).isEqualTo(1);
        assertThat(d.dispatch(CommandRequest.of("ha-sync", null)).text()).contains("'server-name' is mandatory");
        CommandResponse cont = d.dispatch(CommandRequest.of("ha-continue", null));
        assertThat(cont.text()).isEqualTo("HA state machine is not paused.");
        CommandResponse cancel = d.dispatch(CommandRequest.of("ha-maintenance-cancel", null));
        assertThat(cancel.result()).isEqualTo(1);
    }

    @Test
    void maintenanceNotifyPutsTheServerInMaintenanceAndCancelBringsItBack() {
        CommandDispatcher d = dispatcher(HA);
        var json = JsonMapper.builder().build();
        CommandResponse n = d.dispatch(CommandRequest.of("ha-maintenance-notify", json.readTree("{\"cancel\": false}")));
        assertThat(n.text()).isEqualTo("Server is in-maintenance state.");
        assertThat(d.dispatch(CommandRequest.of("ha-heartbeat", null)).arguments().get("state").asString())
                .isEqualTo("in-maintenance");
        CommandResponse c = d.dispatch(CommandRequest.of("ha-maintenance-notify", json.readTree("{\"cancel\": true}")));
        assertThat(c.text()).isEqualTo("Server maintenance canceled.");
        assertThat(c.arguments().get("state").asString()).isEqualTo("waiting");
    }
}
