package io.dhcpsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The control API side of the published Kea defects (docs/reliability.md has the whole table),
 * on the gateway's command envelope without the services (CommandApiTest covers the same limits
 * over real HTTP).
 */
class CommandCveRegressionTest {

    /**
     * CVE-2026-3608: deeply nested brackets in a command overflowed Kea's parser stack. Whatever
     * the nesting, in the arguments or in the service list, the answer is Kea's 400 body, at once.
     */
    @Test
    void cve_2026_3608_deeplyNestedCommandGetsBadRequest() throws Exception {
        String[] bodies = {
            "{\"command\": \"config-set\", \"arguments\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}",
            "{\"command\": \"list-commands\", \"service\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}",
            "[".repeat(20_000),
            "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
        };
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            MockHttpServletRequest http = new MockHttpServletRequest("POST", "/");
            http.setContentType("application/json");
            http.setContent(bytes);
            long start = System.nanoTime();
            ResponseEntity<Object> answer = CommandEnvelopeFuzzTest.controller().command(http,
                    new ByteArrayInputStream(bytes));
            assertThat(answer.getStatusCode().value()).isEqualTo(400);
            assertThat(answer.getBody()).isEqualTo(new CommandResponse(400, "Bad Request", null));
            assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        }
    }
}
