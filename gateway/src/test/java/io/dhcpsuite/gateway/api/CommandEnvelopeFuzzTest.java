package io.dhcpsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.gateway.GatewayProperties;
import io.dhcpsuite.gateway.routing.ServiceRoutes.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Coverage-guided fuzzing of the Control Agent command envelope (docs/reliability.md): the body of
 * {@code POST /} goes through the gateway's parser (size and nesting limits), its envelope checks,
 * the gateway's own commands, the routing to services and the config-set transaction; only the
 * HTTP hop to the services is replaced by an answer. Whatever the body, the answer is Kea's: 400
 * or 413 with Kea's text, or 200 with a list of command answers; never an exception, which Spring
 * would turn into a 500 with no Kea body. Seeds: the commands of the gateway tests and Kea's ARM
 * examples, in CommandEnvelopeFuzzTestInputs/.
 */
class CommandEnvelopeFuzzTest {
    private static final GatewayProperties PROPS = new GatewayProperties("",
            new GatewayProperties.Services("http://127.0.0.1:9", "http://127.0.0.1:9", "http://127.0.0.1:9",
                    "http://127.0.0.1:9"), Duration.ofSeconds(1), 64 * 1024, 64,
            new GatewayProperties.Auth(10, Duration.ofMinutes(1)));
    private static final CommandController CONTROLLER = new CommandController(PROPS, new AnsweringServiceClient(),
            new LocalCommands(KeaConfigLoader.parse("""
                    {"Control-agent": {"http-host": "127.0.0.1", "http-port": 8000,
                      "authentication": {"type": "basic", "clients": [{"user": "admin", "password": "secret"}]}}}
                    """, null), Clock.systemUTC()));

    /** The gateway's command endpoint as the fuzz target drives it (64 KiB bodies, nesting 64). */
    static CommandController controller() {
        return CONTROLLER;
    }

    @FuzzTest(maxDuration = "5m")
    void commandBodyAlwaysGetsKeasAnswer(byte[] body) throws IOException {
        MockHttpServletRequest http = new MockHttpServletRequest("POST", "/");
        http.setContentType("application/json");
        http.setContent(body);
        ResponseEntity<Object> answer = CONTROLLER.command(http, new ByteArrayInputStream(body));
        int status = answer.getStatusCode().value();
        assertThat(status).isIn(200, 400, 413);
        if (status == 200) {
            assertThat(answer.getBody()).isInstanceOf(List.class);
            assertThat((List<?>) answer.getBody()).isNotEmpty().allMatch(CommandResponse.class::isInstance);
        } else {
            assertThat(answer.getBody()).isInstanceOf(CommandResponse.class);
        }
    }

    /** Fuzzing finding (seed finding-nested-service-list): a list inside the service list was a 500. */
    @Test
    void serviceListOfNonStringsGetsAnError() throws IOException {
        for (String service : new String[] {"[\"dhcp4\", [\"dhcp4\"]]", "[1]", "[{}]", "[null]"}) {
            byte[] body = ("{\"command\": \"list-commands\", \"service\": " + service + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            MockHttpServletRequest http = new MockHttpServletRequest("POST", "/");
            http.setContentType("application/json");
            ResponseEntity<Object> answer = CONTROLLER.command(http, new ByteArrayInputStream(body));
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).isEqualTo(
                    List.of(CommandResponse.error("service value must be a list of strings")));
        }
    }

    /** The services as if they answered every command with success, echoing the arguments. */
    static final class AnsweringServiceClient extends ServiceClient {
        AnsweringServiceClient() {
            super(PROPS);
        }

        @Override
        public CommandResponse forward(Target target, String keaService, CommandRequest request) {
            return CommandResponse.success(request.command() + " done",
                    request.arguments() == null ? JsonNodeFactory.instance.objectNode() : request.arguments());
        }
    }
}
