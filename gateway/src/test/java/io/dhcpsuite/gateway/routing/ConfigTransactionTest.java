package io.dhcpsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.gateway.routing.ServiceRoutes.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The two phases without HTTP: who is asked what, in which order, when a service is down. */
class ConfigTransactionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<String> calls = new ArrayList<>();

    @Test
    void aServiceThatIsDownAbortsThePreparedOne() {
        ConfigTransaction tx = new ConfigTransaction((t, r) -> {
            calls.add(t + " " + r.command());
            if (t == Target.LEASE) {
                return CommandResponse.error("unable to forward command to the dhcp4 service: Connection refused. "
                        + "The server is likely to be offline");
            }
            return CommandResponse.success("ok");
        });
        CommandResponse r = tx.run("config-set", JSON.readTree("{\"Dhcp4\": {}}"));
        assertThat(r.result()).isEqualTo(1);
        assertThat(r.text()).startsWith("unable to forward command to the dhcp4 service");
        assertThat(calls).containsExactly("DHCP config-prepare", "LEASE config-prepare", "DHCP config-abort");
    }

    @Test
    void aCommitThatFailsIsReportedNamingTheService() {
        ConfigTransaction tx = new ConfigTransaction((t, r) -> {
            calls.add(t + " " + r.command());
            if (t == Target.LEASE && r.command().equals(ConfigPhases.COMMIT)) {
                return CommandResponse.error("no configuration prepared under this token");
            }
            return CommandResponse.success(ConfigPhases.SET_OK);
        });
        CommandResponse r = tx.run("config-reload", null);
        assertThat(r.text()).startsWith("configuration applied only in part: not committed by lease-service");
        assertThat(calls).containsExactly("DHCP config-prepare", "LEASE config-prepare", "DHCP config-commit",
                "LEASE config-commit");
    }

    @Test
    void reloadAsksEachServiceToReadItsFileAndCarriesOneToken() {
        List<CommandRequest> sent = new ArrayList<>();
        ConfigTransaction tx = new ConfigTransaction((t, r) -> {
            sent.add(r);
            return CommandResponse.success(ConfigPhases.SET_OK);
        });
        tx.run("config-reload", JSON.readTree("{\"Dhcp4\": {\"ignored\": true}}"));
        assertThat(sent.get(0).arguments().get("reload").asBoolean()).isTrue();
        assertThat(sent.get(0).arguments().has("Dhcp4")).isFalse();
        assertThat(sent.stream().map(r -> r.arguments().get("token").asString()).distinct()).hasSize(1);
    }
}
