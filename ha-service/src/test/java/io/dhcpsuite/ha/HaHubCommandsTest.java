package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hub with two relationships (Kea 2.5.5+ hub-and-spoke): one state machine each, status-get
 * lists both, and a command picks its relationship by {@code server-name}.
 */
class HaHubCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private HaServiceApplication.HaSetup setup;

    @AfterEach
    void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    static final String HUB = """
            { "Dhcp4": {
              "subnet4": [ { "id": 1, "subnet": "198.19.0.0/24", "user-context": { "ha-server-name": "hub-a" } },
                           { "id": 2, "subnet": "198.19.1.0/24", "user-context": { "ha-server-name": "hub-b" } } ],
              "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": { "high-availability": [
                { "this-server-name": "hub-a", "mode": "hot-standby", "peers": [
                  { "name": "hub-a", "url": "http://127.0.0.1:19811/", "role": "primary" },
                  { "name": "spoke-a", "url": "http://127.0.0.1:19812/", "role": "standby" } ] },
                { "this-server-name": "hub-b", "mode": "hot-standby", "peers": [
                  { "name": "hub-b", "url": "http://127.0.0.1:19813/", "role": "primary" },
                  { "name": "spoke-b", "url": "http://127.0.0.1:19814/", "role": "standby" } ] } ] } } ] } }""";

    CommandDispatcher dispatcher() {
        SuiteConfig config = KeaConfigLoader.parse(HUB, null);
        // nothing listens on these ports: the partners and the local services are unreachable
        setup = new HaServiceApplication().haSetup(config, new HaServiceProperties("",
                new HaServiceProperties.Ha("http://127.0.0.1:9", "http://127.0.0.1:9", false, "")),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        return new HaServiceApplication().commandDispatcher(setup);
    }

    static CommandRequest command(String name, String args) {
        return CommandRequest.of(name, args == null ? null : JSON.readTree(args));
    }

    @Test
    void everyRelationshipRunsAndStatusListsThemAll() {
        CommandDispatcher d = dispatcher();
        assertThat(setup.runtimes()).hasSize(2);
        JsonNode ha = d.dispatch(command("status-get", null)).arguments().get("high-availability");
        assertThat(ha).hasSize(2);
        assertThat(ha.get(0).at("/ha-servers/local/server-name").asString()).isEqualTo("hub-a");
        assertThat(ha.get(0).at("/ha-servers/remote/server-name").asString()).isEqualTo("spoke-a");
        assertThat(ha.get(1).at("/ha-servers/local/server-name").asString()).isEqualTo("hub-b");
        assertThat(ha.get(1).at("/ha-servers/remote/server-name").asString()).isEqualTo("spoke-b");
    }

    @Test
    void aCommandWithoutServerNameIsRefusedAndOneWithItGoesToThatRelationship() {
        CommandDispatcher d = dispatcher();
        CommandResponse none = d.dispatch(command("ha-heartbeat", null));
        assertThat(none.result()).isEqualTo(1);
        assertThat(none.text()).contains("'server-name' is mandatory").contains("2 HA relationships");

        // ha-scopes on relationship B only: its state machine serves hub-b's scope, A's serves none
        CommandResponse scopes = d.dispatch(command("ha-scopes", "{\"scopes\": [\"hub-b\"], \"server-name\": \"spoke-b\"}"));
        assertThat(scopes.result()).as(scopes.text()).isZero();
        CommandResponse b = d.dispatch(command("ha-heartbeat", "{\"server-name\": \"spoke-b\"}"));
        assertThat(b.result()).isZero();
        assertThat(b.arguments().get("scopes")).extracting(JsonNode::asString).containsExactly("hub-b");
        CommandResponse a = d.dispatch(command("ha-heartbeat", "{\"server-name\": \"hub-a\"}"));
        assertThat(a.arguments().get("scopes")).isEmpty();

        CommandResponse unknown = d.dispatch(command("ha-reset", "{\"server-name\": \"spoke-c\"}"));
        assertThat(unknown.result()).isEqualTo(1);
        assertThat(unknown.text()).contains("spoke-c");
    }

    @Test
    void haSyncNamesThePartnerOfItsRelationship() {
        CommandDispatcher d = dispatcher();
        CommandResponse self = d.dispatch(command("ha-sync", "{\"server-name\": \"hub-b\"}"));
        assertThat(self.result()).isEqualTo(1);
        assertThat(self.text()).contains("not a partner");
    }

    /** Kea's lease sync filter: a relationship's subnets by ha-server-name; none named, every lease. */
    @Test
    void aRelationshipSyncsTheSubnetsThatNameItsServers() {
        SuiteConfig config = KeaConfigLoader.parse(HUB, null);
        var ha = HaServiceApplication.haConfig(config);
        var a = HaServiceApplication.subnetsOf(config, ha, ha.relationships().get(0));
        var b = HaServiceApplication.subnetsOf(config, ha, ha.relationships().get(1));
        assertThat(a.test(1)).isTrue();
        assertThat(a.test(2)).isFalse();
        assertThat(b.test(2)).isTrue();
        assertThat(b.test(1)).isFalse();
        SuiteConfig pair = KeaConfigLoader.parse(HUB.replace("\"user-context\": { \"ha-server-name\": \"hub-a\" }", "\"comment\": \"x\"")
                .replace("\"user-context\": { \"ha-server-name\": \"hub-b\" }", "\"comment\": \"y\""), null);
        var none = HaServiceApplication.haConfig(pair);
        assertThat(HaServiceApplication.subnetsOf(pair, none, none.relationships().get(0))).as("no subnet named: all").isNull();
    }
}
