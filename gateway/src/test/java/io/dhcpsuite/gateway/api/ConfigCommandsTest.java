package io.dhcpsuite.gateway.api;

import static io.dhcpsuite.gateway.Http.command;
import static io.dhcpsuite.gateway.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.gateway.FakeService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * config-set, config-reload, config-test and shutdown for {@code dhcp4} through the gateway, with
 * dhcp-service and lease-service played by {@link FakeService}s running the real
 * {@link ConfigPhases}: both prepare before either commits, and a refusal by either changes neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConfigCommandsTest {
    static FakeService dhcp;
    static FakeService lease;
    static final AtomicReference<JsonNode> dhcpConfig = new AtomicReference<>();
    static final AtomicReference<JsonNode> leaseConfig = new AtomicReference<>();

    @LocalServerPort
    int port;

    /** A participant that refuses a Dhcp4 section holding {@code "refuse-<name>"} and keeps the section it committed. */
    static ConfigPhases.Participant<JsonNode> participant(String name, AtomicReference<JsonNode> current) {
        return new ConfigPhases.Participant<>() {
            @Override
            public JsonNode prepare(JsonNode a) {
                JsonNode dhcp4 = a.path("reload").asBoolean() ? JsonNodeFactory.instance.objectNode().put("from", "file")
                        : a.get("Dhcp4");
                if (dhcp4.has("refuse-" + name)) {
                    throw new IllegalArgumentException("Dhcp4/refuse-" + name + ": refused by " + name);
                }
                return dhcp4;
            }

            @Override
            public void commit(JsonNode prepared) {
                current.set(prepared);
            }

            @Override
            public JsonNode dhcp4(JsonNode prepared) {
                return prepared;
            }
        };
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        dhcp = new FakeService();
        lease = new FakeService();
        ConfigPhases.register(dhcp.commands, participant("dhcp", dhcpConfig));
        ConfigPhases.register(lease.commands, participant("lease", leaseConfig));
        dhcp.commands.register("shutdown", a -> CommandResponse.success("Shutting down."));
        lease.commands.register("shutdown", a -> CommandResponse.success("Shutting down."));
        registry.add("suite.services.dhcp-url", dhcp::url);
        registry.add("suite.services.lease-url", lease::url);
    }

    @AfterAll
    static void stop() {
        dhcp.close();
        lease.close();
    }

    @BeforeEach
    void clear() {
        dhcp.received.clear();
        lease.received.clear();
        dhcpConfig.set(null);
        leaseConfig.set(null);
    }

    private JsonNode send(String body) throws Exception {
        JsonNode list = json(command(port, body));
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @Test
    void configSetPreparesBothThenCommitsBoth() throws Exception {
        JsonNode r = send("{\"command\": \"config-set\", \"service\": [\"dhcp4\"], \"arguments\": {\"Dhcp4\": {\"n\": 1}}}");
        assertThat(r.get("result").asInt()).isZero();
        assertThat(r.get("text").asString()).isEqualTo("Configuration successful.");
        assertThat(r.at("/arguments/hash").asString()).isEqualTo(ConfigPhases.hash(JsonNodeFactory.instance.objectNode().put("n", 1)));
        assertThat(dhcp.commandsReceived()).containsExactly("config-prepare", "config-commit");
        assertThat(lease.commandsReceived()).containsExactly("config-prepare", "config-commit");
        assertThat(dhcpConfig.get().get("n").asInt()).isEqualTo(1);
        assertThat(leaseConfig.get().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void aRefusalByLeaseServiceAbortsDhcpServiceAndChangesNothing() throws Exception {
        JsonNode r = send("{\"command\": \"config-set\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"Dhcp4\": {\"refuse-lease\": true}}}");
        assertThat(r.get("result").asInt()).isEqualTo(1);
        assertThat(r.get("text").asString()).isEqualTo("Dhcp4/refuse-lease: refused by lease");
        assertThat(dhcp.commandsReceived()).containsExactly("config-prepare", "config-abort");
        assertThat(lease.commandsReceived()).containsExactly("config-prepare");
        assertThat(dhcpConfig.get()).isNull();
        assertThat(leaseConfig.get()).isNull();
    }

    @Test
    void aRefusalByDhcpServiceNeverReachesLeaseService() throws Exception {
        JsonNode r = send("{\"command\": \"config-set\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"Dhcp4\": {\"refuse-dhcp\": true}}}");
        assertThat(r.get("result").asInt()).isEqualTo(1);
        assertThat(lease.received).isEmpty();
        assertThat(dhcpConfig.get()).isNull();
    }

    @Test
    void configSetWithoutDhcp4AnswersKeasText() throws Exception {
        JsonNode r = send("{\"command\": \"config-set\", \"service\": [\"dhcp4\"], \"arguments\": {\"Dhcp6\": {}}}");
        assertThat(r.get("result").asInt()).isEqualTo(1);
        assertThat(r.get("text").asString()).isEqualTo("Unsupported 'Dhcp6' parameter.");
    }

    @Test
    void configReloadAppliesTheFileToBoth() throws Exception {
        JsonNode r = send("{\"command\": \"config-reload\", \"service\": [\"dhcp4\"]}");
        assertThat(r.get("text").asString()).isEqualTo("Configuration successful.");
        assertThat(dhcpConfig.get().get("from").asString()).isEqualTo("file");
        assertThat(leaseConfig.get().get("from").asString()).isEqualTo("file");
    }

    @Test
    void configTestMustPassInBothServices() throws Exception {
        JsonNode ok = send("{\"command\": \"config-test\", \"service\": [\"dhcp4\"], \"arguments\": {\"Dhcp4\": {}}}");
        assertThat(ok.get("text").asString()).isEqualTo(ConfigPhases.TEST_OK);
        JsonNode bad = send("{\"command\": \"config-test\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"Dhcp4\": {\"refuse-lease\": true}}}");
        assertThat(bad.get("result").asInt()).isEqualTo(1);
        assertThat(bad.get("text").asString()).isEqualTo("Dhcp4/refuse-lease: refused by lease");
        assertThat(dhcpConfig.get()).isNull();
    }

    @Test
    void shutdownStopsBothServicesOfDhcp4() throws Exception {
        JsonNode r = send("{\"command\": \"shutdown\", \"service\": [\"dhcp4\"]}");
        assertThat(r.get("text").asString()).isEqualTo("Shutting down.");
        assertThat(dhcp.commandsReceived()).containsExactly("shutdown");
        assertThat(lease.commandsReceived()).containsExactly("shutdown");
    }

    @Test
    void thePhasesAreNotOpenToOperators() throws Exception {
        JsonNode r = send("{\"command\": \"config-commit\", \"service\": [\"dhcp4\"], \"arguments\": {\"token\": \"x\"}}");
        assertThat(r.get("result").asInt()).isEqualTo(2);
        assertThat(dhcp.received).isEmpty();
    }
}
