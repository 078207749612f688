package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import org.junit.jupiter.api.Test;

class HaCommandsTest {
    private final SuiteConfig config = KeaConfigLoader.parse("""
            { "Dhcp4": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so",
                  "parameters": { "high-availability": [ ] } } ] } }
            """, null);
    private final CommandDispatcher dispatcher = new HaServiceApplication().commandDispatcher(config);

    @Test
    void haCommandsAnswerNotSupportedRatherThanPretending() {
        for (String command : new String[] {"ha-heartbeat", "ha-sync", "ha-scopes", "ha-maintenance-start"}) {
            CommandResponse answer = dispatcher.dispatch(CommandRequest.of(command, null));
            assertThat(answer.result()).as(command).isEqualTo(2);
            assertThat(answer.text()).isEqualTo("'" + command + "' command not supported.");
        }
    }

    @Test
    void statusSaysHaIsConfiguredButNotImplemented() {
        CommandResponse answer = dispatcher.dispatch(CommandRequest.of("status-get", null));
        assertThat(answer.result()).isZero();
        assertThat(answer.arguments().get("ha-configured").asBoolean()).isTrue();
        assertThat(answer.arguments().get("ha-implemented").asBoolean()).isFalse();
        assertThat(answer.arguments().get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    }
}
