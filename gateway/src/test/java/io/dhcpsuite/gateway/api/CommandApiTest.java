package io.dhcpsuite.gateway.api;

import static io.dhcpsuite.gateway.Http.command;
import static io.dhcpsuite.gateway.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.gateway.FakeService;
import io.dhcpsuite.gateway.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kea command endpoint with dhcp-service and lease-service played by {@link FakeService}s and
 * ha-service down: routing, merging of split answers, forwarding errors, local commands and the
 * refusal of malformed, non-JSON, oversized and deeply nested requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandApiTest {
    static FakeService dhcp;
    static FakeService lease;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        dhcp = new FakeService();
        lease = new FakeService();
        JsonNodeFactory json = JsonNodeFactory.instance;
        dhcp.commands.register("list-commands", a -> CommandResponse.success("2 commands found",
                json.arrayNode().add("dhcp-enable").add("list-commands")));
        dhcp.commands.register("dhcp-enable", a -> CommandResponse.success("DHCP service successfully enabled"));
        dhcp.commands.register("statistic-get-all", a -> CommandResponse.success(null,
                json.objectNode().set("pkt4-received", json.arrayNode().add(json.arrayNode().add(7).add("2026-01-01 00:00:00.000000")))));
        dhcp.commands.register("statistic-get", a -> CommandResponse.success(null,
                a.path("name").asString().startsWith("pkt4") ? json.objectNode().set(a.path("name").asString(),
                        json.arrayNode().add(json.arrayNode().add(7).add("2026-01-01 00:00:00.000000")))
                        : json.objectNode()));
        lease.commands.register("list-commands", a -> CommandResponse.success("2 commands found",
                json.arrayNode().add("lease4-get").add("list-commands")));
        lease.commands.register("lease4-get", a -> CommandResponse.empty("Lease not found."));
        lease.commands.register("reservation-add", a -> a.has("reservation") ? CommandResponse.success("Host added.")
                : CommandResponse.error("reservation must be specified"));
        lease.commands.register("reservation-get", a -> CommandResponse.empty("Host not found."));
        dhcp.commands.register("hosts-sync", a -> CommandResponse.success("1 host change(s) applied"));
        lease.commands.register("statistic-get-all", a -> CommandResponse.success(null,
                json.objectNode().set("subnet[1].assigned-addresses", json.arrayNode().add(json.arrayNode().add(3).add("2026-01-01 00:00:00.000000")))));
        lease.commands.register("statistic-get", a -> CommandResponse.success(null, json.objectNode()));
        registry.add("suite.services.dhcp-url", dhcp::url);
        registry.add("suite.services.lease-url", lease::url);
        String dead = FakeService.deadUrl();
        registry.add("suite.services.ha-url", () -> dead);
        registry.add("suite.max-request-bytes", () -> "65536");
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
    }

    @Test
    void routesLeaseCommandsToLeaseServiceAndOthersToDhcpService() throws Exception {
        JsonNode leaseAnswer = json(command(port, "{\"command\": \"lease4-get\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"ip-address\": \"192.0.2.1\"}}")).get(0);
        JsonNode enable = json(command(port, "{\"command\": \"dhcp-enable\", \"service\": [\"dhcp4\"]}")).get(0);

        assertThat(leaseAnswer.get("result").asInt()).isEqualTo(3);
        assertThat(leaseAnswer.get("text").asString()).isEqualTo("Lease not found.");
        assertThat(lease.received).singleElement().satisfies(r -> {
            assertThat(r.command()).isEqualTo("lease4-get");
            assertThat(r.arguments().get("ip-address").asString()).isEqualTo("192.0.2.1");
        });
        assertThat(enable.get("result").asInt()).isZero();
        assertThat(dhcp.commandsReceived()).containsExactly("dhcp-enable");
    }

    @Test
    void routesReservationCommandsToLeaseServiceAndHasDhcpServiceTakeAChangeBeforeAnswering() throws Exception {
        JsonNode added = json(command(port, "{\"command\": \"reservation-add\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}}")).get(0);
        assertThat(added.get("text").asString()).isEqualTo("Host added.");
        assertThat(lease.commandsReceived()).containsExactly("reservation-add");
        assertThat(dhcp.commandsReceived()).containsExactly("hosts-sync");

        clear();
        JsonNode refused = json(command(port, "{\"command\": \"reservation-add\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {}}")).get(0);
        JsonNode got = json(command(port, "{\"command\": \"reservation-get\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"subnet-id\": 1, \"ip-address\": \"192.0.2.1\"}}")).get(0);
        assertThat(refused.get("result").asInt()).isEqualTo(1);
        assertThat(got.get("result").asInt()).isEqualTo(3);
        assertThat(dhcp.commandsReceived()).isEmpty(); // no change, no sync

        JsonNode internal = json(command(port, "{\"command\": \"hosts-sync\", \"service\": [\"dhcp4\"]}")).get(0);
        assertThat(internal.get("result").asInt()).isEqualTo(2);
        assertThat(dhcp.commandsReceived()).isEmpty();
    }

    @Test
    void routesDhcp6ReservationCommandsToLeaseServiceAndSyncsAfterAChange() throws Exception {
        clear();
        JsonNode added = json(command(port, "{\"command\": \"reservation-add\", \"service\": [\"dhcp6\"], "
                + "\"arguments\": {\"reservation\": {\"subnet-id\": 1, \"duid\": \"00:01:02:03\"}}}")).get(0);
        assertThat(added.get("text").asString()).isEqualTo("Host added.");
        assertThat(lease.commandsReceived()).containsExactly("reservation-add");
        assertThat(dhcp.commandsReceived()).containsExactly("hosts-sync");
        clear();
        JsonNode got = json(command(port, "{\"command\": \"reservation-get\", \"service\": [\"dhcp6\"], "
                + "\"arguments\": {\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::1\"}}")).get(0);
        assertThat(got.get("result").asInt()).isEqualTo(3);
        assertThat(lease.commandsReceived()).containsExactly("reservation-get");
        assertThat(dhcp.commandsReceived()).isEmpty();
    }

    @Test
    void unitesCommandListsOfTheServicesThatPlayDhcp4() throws Exception {
        HttpResponse<String> r = command(port, "{\"command\": \"list-commands\", \"service\": [\"dhcp4\"]}");

        JsonNode answer = json(r).get(0);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(answer.get("result").asInt()).isZero();
        assertThat(answer.get("arguments").valueStream().map(JsonNode::asString))
                .containsExactly("dhcp-enable", "lease4-get", "list-commands");
        assertThat(answer.get("text").asString()).isEqualTo("3 commands found");
    }

    @Test
    void mergesStatisticsOfBothServices() throws Exception {
        JsonNode all = json(command(port, "{\"command\": \"statistic-get-all\", \"service\": [\"dhcp4\"]}")).get(0);
        JsonNode one = json(command(port, "{\"command\": \"statistic-get\", \"service\": [\"dhcp4\"], "
                + "\"arguments\": {\"name\": \"pkt4-received\"}}")).get(0);

        assertThat(all.get("result").asInt()).isZero();
        assertThat(all.get("arguments").propertyNames()).containsExactlyInAnyOrder("pkt4-received",
                "subnet[1].assigned-addresses");
        assertThat(one.at("/arguments/pkt4-received/0/0").asInt()).isEqualTo(7);
    }

    @Test
    void answersOneEntryPerServiceInOrder() throws Exception {
        JsonNode list = json(command(port, "{\"command\": \"list-commands\", \"service\": [\"dhcp4\", \"xyz\"]}"));

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("result").asInt()).isZero();
        assertThat(list.get(1).get("result").asInt()).isEqualTo(1);
    }

    @Test
    void reportsAServiceThatIsDownAsKeasControlAgentDoes() throws Exception {
        JsonNode answer = json(command(port, "{\"command\": \"ha-heartbeat\", \"service\": [\"dhcp4\"]}")).get(0);

        assertThat(answer.get("result").asInt()).isEqualTo(1);
        assertThat(answer.get("text").asString())
                .startsWith("unable to forward command to the dhcp4 service: ")
                .endsWith(". The server is likely to be offline");
    }

    @Test
    void refusesAnUnknownService() throws Exception {
        JsonNode answer = json(command(port, "{\"command\": \"list-commands\", \"service\": [\"xyz\"]}")).get(0);

        assertThat(answer.get("result").asInt()).isEqualTo(1);
        assertThat(answer.get("text").asString()).isEqualTo("forwarding socket is not configured for the server type xyz");
    }

    @Test
    void answersCommandsWithoutServiceItselfWithoutForwarding() throws Exception {
        JsonNode list = json(command(port, "{\"command\": \"list-commands\"}")).get(0);
        JsonNode version = json(command(port, "# a Kea-style comment\n{\"command\": \"version-get\", \"service\": []}")).get(0);
        JsonNode unknown = json(command(port, "{\"command\": \"lease4-get\"}")).get(0);

        assertThat(list.get("arguments").valueStream().map(JsonNode::asString))
                .contains("config-get", "status-get", "version-get");
        assertThat(version.get("result").asInt()).isZero();
        assertThat(unknown.get("result").asInt()).isEqualTo(2);
        assertThat(dhcp.received).isEmpty();
        assertThat(lease.received).isEmpty();
    }

    @Test
    void answersMalformedJsonWithKeasBadRequest() throws Exception {
        HttpResponse<String> r = command(port, "{\"command\": \"list-commands\",");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).isEqualTo(badRequest());
    }

    @Test
    void refusesABodyThatIsNotDeclaredJson() throws Exception {
        String body = "{\"command\": \"list-commands\"}";
        HttpResponse<String> text = Http.post(port, "/", "text/plain", body);
        HttpResponse<String> none = Http.post(port, "/", null, body);
        HttpResponse<String> withCharset = Http.post(port, "/", "application/json; charset=utf-8", body);

        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text)).isEqualTo(badRequest());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(withCharset.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesDeepNestingQuicklyWithoutAStackTrace() throws Exception {
        String deep = "{\"command\": \"list-commands\", \"arguments\": {\"x\": " + "[".repeat(100_000) + "}}";
        Instant start = Instant.now();
        HttpResponse<String> r = Http.post(port, "/", "application/json", deep);
        // The body limit is 64 KiB here, so make sure the nesting limit itself is exercised too.
        HttpResponse<String> shallowerButDeep = command(port, "{\"command\": \"x\", \"arguments\": {\"x\": "
                + "[".repeat(1000) + "]".repeat(1000) + "}}");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(r.statusCode()).isIn(400, 413);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at tools.jackson");
        assertThat(shallowerButDeep.statusCode()).isEqualTo(400);
        assertThat(json(shallowerButDeep)).isEqualTo(badRequest());
    }

    @Test
    void refusesAnOversizedBody() throws Exception {
        String big = "{\"command\": \"list-commands\", \"arguments\": {\"x\": \"" + "a".repeat(200_000) + "\"}}";
        HttpResponse<String> r = command(port, big);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("result").asInt()).isEqualTo(413);
        assertThat(dhcp.received).isEmpty();
    }

    @Test
    void answersAMissingCommandWithResultOne() throws Exception {
        JsonNode answer = json(command(port, "{\"service\": [\"dhcp4\"]}")).get(0);

        assertThat(answer.get("result").asInt()).isEqualTo(1);
        assertThat(answer.get("text").asString()).contains("command");
    }

    private static ObjectNode badRequest() {
        return JsonNodeFactory.instance.objectNode().put("result", 400).put("text", "Bad Request");
    }
}
